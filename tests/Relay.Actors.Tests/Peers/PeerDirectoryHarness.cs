using Akka.Actor;
using Akka.TestKit;
using Grpc.Core;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;

namespace Relay.Actors.Tests.Peers;

/// <summary>A started <see cref="PeerDirectory"/> over scripted nodes and a scripted peer service.</summary>
internal sealed class PeerDirectoryHarness
{
    private readonly TestKitBase _kit;

    public PeerDirectoryHarness(TestKitBase kit, FakeNodes nodes, FakePeerService peers, PeerDirectory directory)
    {
        _kit = kit;
        Nodes = nodes;
        Peers = peers;
        Directory = directory;
        Events = kit.CreateTestProbe("events");
        directory.Subscribe(e => Events.Ref.Tell(e));
    }

    public FakeNodes Nodes { get; }

    public FakePeerService Peers { get; }

    public PeerDirectory Directory { get; }

    public TestProbe Events { get; }

    public static RpcException Unavailable(string detail = "connection refused") =>
        new(new Grpc.Core.Status(StatusCode.Unavailable, detail));

    public FakeSubscription ExpectSubscription() => Peers.Subscriptions.ExpectMsg<FakeSubscription>();

    public NodeEntry ExpectEvent(string name, NodeState state)
    {
        var entry = Events.ExpectMsg<NodeEntry>();
        Assert.Equal((name, state), (entry.Name, entry.State));
        return entry;
    }

    /// <summary>Announces a node and answers its first check: the node ends up Connected.</summary>
    public FakeNodeConnection AddConnected(FakeSubscription subscription, string name, string address, string? tls = null)
    {
        subscription.Send(FakePeerService.Added(name, address, tls));
        ExpectEvent(name, NodeState.Connecting);
        var connection = Nodes.Opened.ExpectMsg<FakeNodeConnection>();
        Nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1"));
        ExpectEvent(name, NodeState.Connected);
        return connection;
    }

    public IActorRef PeerActor(long incarnation) =>
        _kit.Sys.ActorSelection($"/user/{PeerDirectory.ManagerName}/peer-{incarnation}")
            .ResolveOne(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
}

using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Flows;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Fleet;
using Xunit.Abstractions;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>
/// Two relay replicas in one process, joined by Akka.Remote over loopback: the owner (<see cref="OwnerSystem"/>)
/// holds real gRPC connections to a <see cref="SimulatedFleet"/> and serves them through a
/// <see cref="NodeStreamHost"/>; the caller (the TestKit's own system) reaches them only through
/// <see cref="Ask"/>. The fleet runs on a clock that stands still, so its rings and answers do not change unless a
/// test produces flows.
/// </summary>
public abstract class TwoReplicaTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly NodeChannelFactory Channels = new(new NodeConnectionSettings { RelayVersion = "1.2.3-test" });

    private readonly List<INodeConnection> _connections = [];
    private IActorRef? _owner;

    protected TwoReplicaTestKit(ITestOutputHelper output)
        : base(ReplicaConfig.Create(), "caller", output)
    {
    }

    /// <summary>How many flows each fleet node holds at start (a full ring).</summary>
    protected const int RingFlows = 500;

    protected FakeTimeProvider FleetTime { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected SimulatedFleet Fleet { get; private set; } = null!;

    protected ActorSystem OwnerSystem { get; private set; } = null!;

    /// <summary>The owner's local flows, counting what each node's stream was pulled for.</summary>
    protected CountingNodeFlows OwnerFlows { get; } = new(DirectNodeFlows.Instance);

    /// <summary>The caller's way to the owner (a remote Ask, as through a shard region).</summary>
    protected NodeAsk Ask { get; private set; } = null!;

    protected IMaterializer CallerMaterializer { get; private set; } = null!;

    protected RemoteNodeFlows Remote { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fleet = await SimulatedFleet.StartAsync(new FleetOptions
        {
            Nodes = 2,
            RingCapacity = RingFlows,
            PrefillFlows = RingFlows,
            FlowsPerSecond = 10,
            TimeProvider = FleetTime,
        });
        OwnerSystem = ActorSystem.Create("owner", ReplicaConfig.Create());
        var host = new NodeStreamHost(OwnerFlows, OwnerSystem.Materializer());
        _owner = OwnerSystem.ActorOf(NodeOwnerActor.Props(host), "nodes");
        foreach (var node in Fleet.Nodes)
        {
            await SetOwnerNodeAsync(OwnerEntry(node.PeerName, node.Address));
        }

        var ownerAddress = ((ExtendedActorSystem)OwnerSystem).Provider.DefaultAddress;
        var remoteOwner = await Sys.ActorSelection(new RootActorPath(ownerAddress) / "user" / "nodes").ResolveOne(Guard);
        Ask = (message, timeout, ct) => remoteOwner.Ask<object>(message, timeout, ct);
        CallerMaterializer = Sys.Materializer();
        Remote = new RemoteNodeFlows(Ask);
    }

    public async Task DisposeAsync()
    {
        await OwnerSystem.Terminate();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        await Fleet.DisposeAsync();
    }

    /// <summary>A connected entry with its own gRPC connection, as the owner's directory holds it.</summary>
    protected NodeEntry OwnerEntry(string name, string address)
    {
        var connection = new GrpcNodeConnector(Channels).Connect(address, null);
        _connections.Add(connection);
        return new NodeEntry(name, address, null, NodeState.Connected, FleetTime.GetUtcNow()) { Client = connection.Client };
    }

    /// <summary>Replaces the owner's view of a node.</summary>
    protected Task SetOwnerNodeAsync(NodeEntry entry) => _owner!.Ask(new NodeOwnerActor.SetNode(entry), Guard);

    /// <summary>Stops the owner's node actor, which disposes its <see cref="NodeStreamHost"/> (the node moved away).</summary>
    protected Task StopOwnerActorAsync() => _owner!.GracefulStop(Guard);

    /// <summary>A client straight to the node, for the answers a local call gets.</summary>
    protected INodeClient Direct(SimulatedNode node)
    {
        var connection = new GrpcNodeConnector(Channels).Connect(node.Address, null);
        _connections.Add(connection);
        return connection.Client;
    }

    /// <summary>The node as the caller's directory knows it: a name, no client of its own.</summary>
    protected static NodeEntry CallerEntry(SimulatedNode node) =>
        new(node.PeerName, node.Address, null, NodeState.Connected, DateTimeOffset.UnixEpoch);

    /// <summary>Waits until <paramref name="condition"/> holds, checking it every few milliseconds.</summary>
    protected Task UntilAsync(Func<bool> condition) =>
        AwaitConditionAsync(() => Task.FromResult(condition()), Guard, TimeSpan.FromMilliseconds(5));

    protected static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> source)
    {
        using var cts = new CancellationTokenSource(Guard);
        var items = new List<T>();
        await foreach (var item in source.WithCancellation(cts.Token))
        {
            items.Add(item);
        }

        return items;
    }
}

using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using Grpc.Core;
using Hubble.Observer;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Entities;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Xunit.Abstractions;
using static Relay.Actors.Cluster.Board.NodeBoardMessages;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// One node's shard entity on its own, on virtual time: the test actor is its shard (it receives Passivate), probes
/// stand for the replica's board and the region.
/// </summary>
public sealed class NodeEntityTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        akka.test.single-expect-default = 10s
        """;

    private const string Name = "test/node-1";
    private static readonly PeerNode Node = new() { Name = Name, Address = "10.0.0.1:4244", TlsServerName = "node-1.test.hubble-grpc.cilium.io" };

    private readonly FakeMisuse _misuse = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeNodes _nodes;
    private readonly TestProbe _board;
    private readonly TestProbe _region;
    private readonly TestProbe _handled;

    public NodeEntityTests(ITestOutputHelper output)
        : base(Config, output)
    {
        _nodes = new FakeNodes(CreateTestProbe("opened"), CreateTestProbe("calls"), _misuse);
        _board = CreateTestProbe("board");
        _region = CreateTestProbe("region");
        _handled = CreateTestProbe("handled");
    }

    private static PeerManagerSettings Settings { get; } = new() { PeerServiceAddress = "hubble-peer:443", BackoffJitter = 0 };

    private static ClusterNodeSettings ClusterSettings { get; } = new()
    {
        ReassertInterval = TimeSpan.FromSeconds(2),
        OwnershipLease = TimeSpan.FromSeconds(20),
    };

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void Owned_DialsTheNodeAndReportsEveryChangeToTheBoard()
    {
        var entity = Start();

        entity.Tell(new OwnNode { Node = Node });

        var connecting = _board.ExpectMsg<LocalNodeReport>();
        Assert.Equal((NodeState.Connecting, Node.Address), (connecting.Entry.State, connecting.Entry.Address));
        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString(), connecting.Entry.Owner);
        var connection = _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1.19.0"));
        var connected = _board.ExpectMsg<LocalNodeReport>();
        Assert.Equal(NodeState.Connected, connected.Entry.State);
        Assert.Same(connection.Client, Assert.IsType<OwnedNodeClient>(connected.Entry.Client).Inner);
        Assert.Equal(connecting.Claim, connected.Claim);
    }

    [Fact]
    public void OwnershipNotReasserted_LeaseRunsOutAndTheEntityPassivatesClosingTheConnection()
    {
        var entity = StartOwned();
        var connection = _nodes.Opened.ExpectMsg<FakeNodeConnection>();

        Scheduler.Advance(ClusterSettings.OwnershipLease - TimeSpan.FromSeconds(1));
        entity.Tell(new OwnNode { Node = Node }); // renews the lease
        entity.Tell("sync");
        _handled.ExpectMsg<(object, NodeEntry)>(); // the renewal is in before time moves on
        Scheduler.Advance(ClusterSettings.OwnershipLease - TimeSpan.FromSeconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        ExpectMsg<Passivate>();
        AwaitCondition(() => connection.IsDisposed);
        Watch(entity);
        entity.Tell(NodeEntityMessages.Stop.Instance);
        ExpectTerminated(entity);
        Assert.Equal(Name, _board.FishForMessage<LocalNodeReleased>(_ => true).Name);
    }

    [Fact]
    public void Released_Passivates()
    {
        var entity = StartOwned();

        entity.Tell(new ReleaseNode { NodeName = Name });

        ExpectMsg<Passivate>();
    }

    [Fact]
    public void Released_TellsTheBoardAtOnce_NotOnlyOnceTheShardHasStoppedIt()
    {
        var entity = StartOwned();

        entity.Tell(new ReleaseNode { NodeName = Name });

        ExpectMsg<Passivate>(); // the shard has not stopped the entity (this test is its parent and does not)
        Assert.Equal(Name, _board.ExpectMsg<LocalNodeReleased>().Name);
    }

    [Fact]
    public void HandlerFailing_AnswersTheCallerWithTheFailure_AndTheNodeStaysOwned()
    {
        var entity = StartOwned();
        var asker = CreateTestProbe();

        entity.Tell("fail", asker);
        entity.Tell("open flows", asker);

        Assert.Contains("could not be served", asker.ExpectMsg<NodeCallFailure>().Detail, StringComparison.Ordinal);
        Assert.Equal("open flows", _handled.ExpectMsg<(object, NodeEntry)>().Item1);
        _board.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // no restart: no release, no new report
    }

    [Fact]
    public void ShardHandedOff_OwnershipResentThroughTheRegionAndTheEntityStops()
    {
        var entity = StartOwned();
        Watch(entity);

        entity.Tell(NodeEntityMessages.HandOff.Instance);

        Assert.Equal(Node, _region.ExpectMsg<OwnNode>().Node);
        ExpectTerminated(entity);
        Assert.Equal(Name, _board.FishForMessage<LocalNodeReleased>(_ => true).Name);
    }

    [Fact]
    public async Task ShardHandedOff_CallsOnTheNodeEndUnavailableBeforeItsConnectionCloses()
    {
        var entity = StartOwned();
        var connection = _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1.19.0"));
        var client = _board.ExpectMsg<LocalNodeReport>(r => r.Entry.State == NodeState.Connected).Entry.Client!;
        connection.FakeClient.OnGetNamespaces = async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new GetNamespacesResponse();
        };
        var call = client.GetNamespacesAsync(new GetNamespacesRequest(), [], CancellationToken.None);

        entity.Tell(NodeEntityMessages.HandOff.Instance);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("moved to another replica", error.Status.Detail, StringComparison.Ordinal);
        AwaitCondition(() => connection.IsDisposed);
    }

    [Fact]
    public async Task OwnershipNotReasserted_CallsOnTheNodeEndUnavailable()
    {
        StartOwned();
        _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1.19.0"));
        var client = _board.ExpectMsg<LocalNodeReport>(r => r.Entry.State == NodeState.Connected).Entry.Client!;

        Scheduler.Advance(ClusterSettings.OwnershipLease);
        ExpectMsg<Passivate>();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ServerStatusAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no ownership message", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeFromItsPeerActorAfterRelease_NotReported()
    {
        var entity = StartOwned();
        _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1.19.0"));
        var connected = _board.ExpectMsg<LocalNodeReport>(r => r.Entry.State == NodeState.Connected);

        entity.Tell(new ReleaseNode { NodeName = Name });
        ExpectMsg<Passivate>();
        // What the peer actor reports when its check ends with the ownership, before it has stopped.
        entity.Tell(new NodeEntityMessages.NodeChanged(connected.Claim, connected.Entry with { State = NodeState.Unavailable, Client = null }));
        Watch(entity);
        entity.Tell(NodeEntityMessages.Stop.Instance);
        ExpectTerminated(entity);

        Assert.IsType<LocalNodeReleased>(_board.FishForMessage(m => m is LocalNodeReport or LocalNodeReleased));
    }

    [Fact]
    public void ReleasedWhileItsShardMoves_OwnershipNotResent()
    {
        var entity = StartOwned();
        Watch(entity);

        entity.Tell(new ReleaseNode { NodeName = Name });
        ExpectMsg<Passivate>();
        entity.Tell(NodeEntityMessages.HandOff.Instance);

        ExpectTerminated(entity);
        _region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void FailureReportedWhileConnected_ChecksTheNodeAgain()
    {
        var entity = StartOwned();
        _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1.19.0"));
        _board.ExpectMsg<LocalNodeReport>(r => r.Entry.State == NodeState.Connected);

        entity.Tell(new ReportNodeFailure { NodeName = Name, Error = "stream reset" });

        _nodes.Calls.ExpectMsg<StatusCall>();
    }

    [Fact]
    public void FailureReportBeforeOwnership_Passivates()
    {
        var entity = Start();

        entity.Tell(new ReportNodeFailure { NodeName = Name, Error = "stream reset" });

        ExpectMsg<Passivate>();
        _nodes.Opened.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void UnknownMessageWhileOwned_GoesToTheHandlerWithTheCurrentEntry()
    {
        var entity = StartOwned();

        entity.Tell("open flows");

        var (message, node) = _handled.ExpectMsg<(object, NodeEntry)>();
        Assert.Equal("open flows", message);
        Assert.Equal(Name, node.Name);
    }

    [Fact]
    public void UnknownMessageBeforeOwnership_AnsweredNotOwnedAndPassivates()
    {
        var entity = Start();
        var asker = CreateTestProbe();

        entity.Tell("open flows", asker);

        Assert.Equal(Name, asker.ExpectMsg<NodeNotOwned>().NodeName);
        ExpectMsg<Passivate>();
        _handled.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _misuse.Verify();
        }
    }

    private IActorRef Start()
    {
        var context = new NodeEntityContext(
            Settings, ClusterSettings, _nodes.Connector, _board.Ref, () => _region.Ref, Handle, new RecordingLoggerFactory(), _time);
        return ChildActorOf(NodeEntity.Props(Name, context));
    }

    private IActorRef StartOwned()
    {
        var entity = Start();
        entity.Tell(new OwnNode { Node = Node });
        _board.ExpectMsg<LocalNodeReport>();
        return entity;
    }

    private bool Handle(object message, NodeEntry node, IActorRef replyTo)
    {
        if (message is "fail")
        {
            throw new InvalidOperationException("the call could not be served");
        }

        _handled.Ref.Tell((message, node));
        return true;
    }
}

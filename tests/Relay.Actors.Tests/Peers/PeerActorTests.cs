using Akka.Actor;
using Akka.TestKit;
using Grpc.Core;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Xunit.Abstractions;

namespace Relay.Actors.Tests.Peers;

public sealed class PeerActorTests : PeerTestKit
{
    private const string Name = "test/node-1";
    private const string Address = "10.0.0.1:4244";
    private const string TlsName = "node-1.test.hubble-grpc.cilium.io";
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private readonly FakeNodes _nodes;
    private readonly PeerRegistry _registry;
    private readonly TestProbe _events;

    public PeerActorTests(ITestOutputHelper output)
        : base(output)
    {
        _nodes = NewNodes();
        _events = CreateTestProbe("events");
        _registry = new PeerRegistry("peer", Time, Logs.CreateLogger("registry"));
        _registry.Add(new NodeEntry(Name, Address, TlsName, NodeState.Connecting, Time.GetUtcNow()), incarnation: 1);
        _registry.Subscribe(e => _events.Ref.Tell(e));
    }

    private NodeEntry Entry => Assert.Single(_registry.Nodes);

    [Fact]
    public void FirstCheckAnswers_NodeConnectedWithClientAndStatus()
    {
        StartPeer();
        var connection = _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        var call = _nodes.Calls.ExpectMsg<StatusCall>();
        Time.Advance(TimeSpan.FromSeconds(3));
        call.Answer(FakeNodes.Status("v1.19.0"));

        var entry = ExpectEvent(NodeState.Connected);
        Assert.Equal((Address, TlsName), (connection.Address, connection.TlsServerName));
        Assert.Equal(Settings.DialTimeout, call.Timeout);
        Assert.Same(connection.Client, entry.Client);
        Assert.Equal("v1.19.0", entry.LastStatus!.Version);
        Assert.Equal(Time.GetUtcNow(), entry.StateSince);
        Assert.Equal(1, Logs.Count("NodeConnected"));
    }

    [Fact]
    public void CheckFails_UnavailableAndRetriedAfterDoublingDelaysCappedAtMax()
    {
        StartPeer();
        _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());

        var entry = ExpectEvent(NodeState.Unavailable);
        Assert.Null(entry.Client);
        Assert.Equal("Unavailable: connection refused", entry.LastError);

        var failures = 1;
        foreach (var seconds in new[] { 1, 2, 4, 8, 16, 32, 60, 60 })
        {
            AwaitAssert(() => Assert.Equal(failures, Entry.ConsecutiveFailures));
            AdvanceJustBefore(TimeSpan.FromSeconds(seconds));
            _nodes.Calls.ExpectNoMsg(Short);
            Advance(TimeSpan.FromMilliseconds(1));
            _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());
            failures++;
        }

        AwaitAssert(() => Assert.Equal(failures, Entry.ConsecutiveFailures));
        _events.ExpectNoMsg(Short);
        _nodes.Opened.ExpectNoMsg(TimeSpan.Zero); // retries reuse the connection
        Assert.Equal(1, Logs.Count("NodeUnavailable"));
        Assert.Equal(8, Logs.Count("NodeStillUnavailable"));
    }

    [Fact]
    public void UnavailableNodeAnswers_ConnectedAndBackoffStartsOverAtMin()
    {
        StartPeer();
        _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());
        ExpectEvent(NodeState.Unavailable);
        Advance(TimeSpan.FromSeconds(1));
        _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());
        AwaitAssert(() => Assert.Equal(2, Entry.ConsecutiveFailures));
        Advance(TimeSpan.FromSeconds(2));
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1"));

        var recovered = ExpectEvent(NodeState.Connected);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal("Unavailable: connection refused", recovered.LastError); // kept as history

        Advance(Settings.RecheckInterval);
        _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());
        ExpectEvent(NodeState.Unavailable);
        AdvanceJustBefore(Settings.BackoffMin);
        _nodes.Calls.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));
        _nodes.Calls.ExpectMsg<StatusCall>();
        Assert.Equal(2, Logs.Count("NodeUnavailable"));
    }

    [Fact]
    public void Connected_RecheckedEveryInterval_StatusRefreshedWithoutEvent()
    {
        StartPeer();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1", numFlows: 1));
        ExpectEvent(NodeState.Connected);

        for (var round = 2UL; round <= 3; round++)
        {
            AdvanceJustBefore(Settings.RecheckInterval);
            _nodes.Calls.ExpectNoMsg(Short);
            Advance(TimeSpan.FromMilliseconds(1));
            _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1", numFlows: round));
            AwaitAssert(() => Assert.Equal(round, Entry.LastStatus!.NumFlows));
        }

        _events.ExpectNoMsg(Short);
        Assert.Equal(NodeState.Connected, Entry.State);
    }

    [Fact]
    public void CheckGetsNoAnswer_UnavailableAfterDialTimeoutAndLateAnswerIgnored()
    {
        StartPeer();
        var call = _nodes.Calls.ExpectMsg<StatusCall>();
        AdvanceJustBefore(Settings.DialTimeout);
        _events.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));

        var entry = ExpectEvent(NodeState.Unavailable);
        Assert.Equal("no answer within 00:00:05", entry.LastError);
        Assert.True(call.Ct.IsCancellationRequested);

        call.Answer(FakeNodes.Status("late"));
        _events.ExpectNoMsg(Short);
        Assert.Null(Entry.LastStatus);
        Advance(Settings.BackoffMin);
        _nodes.Calls.ExpectMsg<StatusCall>();
    }

    [Fact]
    public void ReportedFailure_WhileConnected_ChecksAtOnceAndOnlyOnce()
    {
        var peer = StartPeer();
        _nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1"));
        ExpectEvent(NodeState.Connected);

        peer.Tell(new PeerMessages.FailureReported("Internal: stream reset"));
        peer.Tell(new PeerMessages.FailureReported("Internal: stream reset"));
        var call = _nodes.Calls.ExpectMsg<StatusCall>();
        _nodes.Calls.ExpectNoMsg(Short);
        call.Fail(Refused());

        ExpectEvent(NodeState.Unavailable);
        Assert.Equal(1, Logs.Count("NodeFailureReported"));
    }

    [Fact]
    public void ReportedFailure_WhileUnavailable_WaitsForTheBackoff()
    {
        var peer = StartPeer();
        _nodes.Calls.ExpectMsg<StatusCall>().Fail(Refused());
        ExpectEvent(NodeState.Unavailable);

        peer.Tell(new PeerMessages.FailureReported("Unavailable"));

        _nodes.Calls.ExpectNoMsg(Short);
        Assert.Equal(0, Logs.Count("NodeFailureReported"));
    }

    [Fact]
    public void ConnectorThrows_UnavailableWithItsMessageAndRetried()
    {
        var attempts = 0;
        var connector = new FakeNodeConnector(Misuse)
        {
            OnConnect = (address, tls) =>
            {
                Interlocked.Increment(ref attempts);
                throw new FormatException($"'{address}' has an invalid port");
            },
        };
        Sys.ActorOf(PeerActor.Props(Peer(), 1, Settings, connector, _registry, Logs.CreateLogger("peer")));

        Assert.Equal($"'{Address}' has an invalid port", ExpectEvent(NodeState.Unavailable).LastError);
        Advance(Settings.BackoffMin);
        AwaitAssert(() => Assert.Equal(2, Volatile.Read(ref attempts)));
    }

    [Fact]
    public void Stopped_CancelsTheCheckAndClosesTheConnection()
    {
        var peer = StartPeer();
        var connection = _nodes.Opened.ExpectMsg<FakeNodeConnection>();
        var call = _nodes.Calls.ExpectMsg<StatusCall>();
        Watch(peer);

        Sys.Stop(peer);

        ExpectTerminated(peer);
        Assert.True(connection.IsDisposed);
        Assert.True(call.Ct.IsCancellationRequested);
    }

    private static PeerInfo Peer() => new(Name, Address, TlsName);

    private static RpcException Refused() => new(new Grpc.Core.Status(StatusCode.Unavailable, "connection refused"));

    private IActorRef StartPeer() =>
        Sys.ActorOf(PeerActor.Props(Peer(), 1, Settings, _nodes.Connector, _registry, Logs.CreateLogger("peer")));

    private NodeEntry ExpectEvent(NodeState state)
    {
        var entry = _events.ExpectMsg<NodeEntry>();
        Assert.Equal(state, entry.State);
        return entry;
    }
}

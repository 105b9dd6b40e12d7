using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Xunit.Abstractions;
using static Relay.Actors.Tests.Fakes.FakePeerService;

namespace Relay.Actors.Tests.Peers;

public sealed class PeerDirectoryTests : PeerTestKit
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    public PeerDirectoryTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public async Task WaitForInitialSync_TrueOnceTheListSettledAndEveryNodeHadItsFirstAttempt()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var sync = h.Directory.WaitForInitialSyncAsync(TimeSpan.FromMinutes(1));
        subscription.Send(Added("test/a", "10.0.0.1:4244"), Added("test/b", "10.0.0.2:4244"));
        h.ExpectEvent("test/a", NodeState.Connecting);
        h.ExpectEvent("test/b", NodeState.Connecting);
        var calls = new[] { h.Nodes.Calls.ExpectMsg<StatusCall>(), h.Nodes.Calls.ExpectMsg<StatusCall>() };

        Advance(Settings.PeerListSettleTime);
        AwaitAssert(() => Assert.Contains(Logs.Records, r => r.EventName == "PeerListSettled"));
        Assert.False(sync.IsCompleted);
        calls.Single(c => c.Address == "10.0.0.1:4244").Answer(FakeNodes.Status("v1"));
        h.ExpectEvent("test/a", NodeState.Connected);
        Assert.False(sync.IsCompleted);
        calls.Single(c => c.Address == "10.0.0.2:4244").Fail(PeerDirectoryHarness.Unavailable());

        Assert.True(await sync.WaitAsync(Guard));
        Assert.True(await h.Directory.WaitForInitialSyncAsync(TimeSpan.Zero).WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitForInitialSync_FalseWhenTheTimeoutPassesFirst()
    {
        var h = Start();
        h.ExpectSubscription();

        var sync = h.Directory.WaitForInitialSyncAsync(TimeSpan.FromSeconds(2));
        Time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await sync.WaitAsync(Guard));
    }

    [Fact]
    public void Nodes_ImmutableSnapshotOrderedByName()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        subscription.Send(Added("test/c", "10.0.0.3:4244"), Added("test/a", "10.0.0.1:4244"));
        h.ExpectEvent("test/c", NodeState.Connecting);
        h.ExpectEvent("test/a", NodeState.Connecting);
        var before = h.Directory.Nodes;

        subscription.Send(Added("test/b", "10.0.0.2:4244"));
        h.ExpectEvent("test/b", NodeState.Connecting);

        Assert.Equal(["test/a", "test/c"], before.Select(n => n.Name));
        Assert.Equal(["test/a", "test/b", "test/c"], h.Directory.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Subscribe_DisposedSubscriptionGetsNothingAndAThrowingSubscriberDoesNotStopOthers()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var late = new List<NodeEntry>();
        h.Directory.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        h.Directory.Subscribe(late.Add).Dispose();

        subscription.Send(Added("test/a", "10.0.0.1:4244"));

        h.ExpectEvent("test/a", NodeState.Connecting);
        Assert.Empty(late);
        // The failing subscriber runs after the probe's, on the delivering thread: its log line may follow the event.
        AwaitAssert(() => Assert.Contains(Logs.Records, r => r.EventName == "SubscriberFailed" && r.Exception?.Message == "subscriber bug"));
    }

    [Fact]
    public void Start_InvalidSettings_ThrowsListingEveryProblem()
    {
        var settings = Settings with { PeerServiceAddress = " ", DialTimeout = TimeSpan.Zero, BackoffMax = TimeSpan.FromMilliseconds(1), BackoffJitter = 1 };
        var nodes = NewNodes();
        var peers = new FakePeerService(CreateTestProbe(), Misuse);

        var error = Assert.Throws<ArgumentException>(() => PeerDirectory.Start(Sys, settings, nodes.Connector, peers.Factory, Logs, Time));

        Assert.Contains("peer-service address is empty", error.Message);
        Assert.Contains("dial timeout", error.Message);
        Assert.Contains("maximum backoff", error.Message);
        Assert.Contains("jitter", error.Message);
    }

    [Fact]
    public void Start_MalformedPeerServiceAddress_ThrowsNamingIt()
    {
        var nodes = NewNodes();
        var peers = new FakePeerService(CreateTestProbe(), Misuse);

        var error = Assert.Throws<ArgumentException>(() => PeerDirectory.Start(
            Sys, Settings with { PeerServiceAddress = "hubble-peer:http" }, nodes.Connector, peers.Factory, Logs, Time));

        Assert.Contains("peer-service address is invalid: 'hubble-peer:http' has an invalid port 'http'", error.Message);
    }

    private PeerDirectoryHarness Start()
    {
        var nodes = NewNodes();
        var peers = new FakePeerService(CreateTestProbe("subscriptions"), Misuse);
        var directory = PeerDirectory.Start(Sys, Settings, nodes.Connector, peers.Factory, Logs, Time);
        return new PeerDirectoryHarness(this, nodes, peers, directory);
    }
}

using Akka.Actor;
using Grpc.Core;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Xunit.Abstractions;
using static Relay.Actors.Tests.Fakes.FakePeerService;

namespace Relay.Actors.Tests.Peers;

public sealed class PeerManagerTests : PeerTestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    public PeerManagerTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void PeerAdded_NodeConnectsWithTheAnnouncedAddressAndTlsName()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        Assert.Equal(Settings.PeerServiceAddress, subscription.Address);
        Assert.Equal("hubble-peer.test-cluster.hubble-grpc.cilium.io", subscription.TlsServerName);

        var connection = h.AddConnected(subscription, "test/a", "10.0.0.1:4244", "a.test-cluster.hubble-grpc.cilium.io");

        Assert.Equal(("10.0.0.1:4244", "a.test-cluster.hubble-grpc.cilium.io"), (connection.Address, connection.TlsServerName));
        var node = Assert.Single(h.Directory.Nodes);
        Assert.Equal(("test/a", NodeState.Connected), (node.Name, node.State));
        Assert.Equal(PeerServiceState.Connected, h.Directory.PeerService.State);
        Assert.Equal(1, Logs.Count("NodeAdded"));
    }

    [Fact]
    public void PeerServiceOnUnixSocket_SubscribesWithoutTls()
    {
        var h = Start(Settings with { PeerServiceAddress = "unix:///var/run/cilium/hubble.sock" });

        Assert.Null(h.ExpectSubscription().TlsServerName);
    }

    [Fact]
    public void PeerDeleted_NodeGoneConnectionClosedActorStopped()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var connection = h.AddConnected(subscription, "test/a", "10.0.0.1:4244");
        var peer = h.PeerActor(1);
        Watch(peer);

        subscription.Send(Deleted("test/a"));

        Assert.Null(h.ExpectEvent("test/a", NodeState.Gone).Client);
        ExpectTerminated(peer);
        Assert.True(connection.IsDisposed);
        Assert.Empty(h.Directory.Nodes);
        Assert.Equal(1, Logs.Count("NodeRemoved"));
    }

    [Fact]
    public void PeerUpdatedWithNewAddress_OldConnectionClosedAndNewAddressConnected()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var old = h.AddConnected(subscription, "test/a", "10.0.0.1:4244");

        subscription.Send(Updated("test/a", "10.0.0.2:4244", "a.test-cluster.hubble-grpc.cilium.io"));

        Assert.Equal("10.0.0.1:4244", h.ExpectEvent("test/a", NodeState.Gone).Address);
        Assert.Equal("10.0.0.2:4244", h.ExpectEvent("test/a", NodeState.Connecting).Address);
        var replacement = h.Nodes.Opened.ExpectMsg<FakeNodeConnection>();
        Assert.Equal(("10.0.0.2:4244", "a.test-cluster.hubble-grpc.cilium.io"), (replacement.Address, replacement.TlsServerName));
        AwaitCondition(() => old.IsDisposed);
        h.Nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v2"));
        h.ExpectEvent("test/a", NodeState.Connected);
        Assert.Equal(1, Logs.Count("NodeUpdated"));
    }

    [Fact]
    public void PeerAnnouncedAgainUnchanged_KeepsTheConnection()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var connection = h.AddConnected(subscription, "test/a", "10.0.0.1:4244");

        subscription.Send(Added("test/a", "10.0.0.1:4244"), Updated("test/a", "10.0.0.1:4244"), Added("test/b", "10.0.0.2:4244"));

        h.ExpectEvent("test/b", NodeState.Connecting); // processed after the two no-ops
        Assert.Equal("10.0.0.2:4244", h.Nodes.Opened.ExpectMsg<FakeNodeConnection>().Address);
        h.Nodes.Opened.ExpectNoMsg(Short);
        Assert.False(connection.IsDisposed);
        Assert.Equal(0, Logs.Count("NodeUpdated"));
    }

    [Fact]
    public void NotifyStreamBreaks_NodesKeptAndResubscribedWithBackoff()
    {
        var h = Start();
        var first = h.ExpectSubscription();
        var connection = h.AddConnected(first, "test/a", "10.0.0.1:4244");

        first.Fail(PeerDirectoryHarness.Unavailable("stream reset"));

        AwaitAssert(() => Assert.Equal(PeerServiceState.Unavailable, h.Directory.PeerService.State));
        Assert.True(first.IsDisposed);
        Assert.Equal("Unavailable: stream reset", h.Directory.PeerService.LastError);
        AdvanceJustBefore(TimeSpan.FromSeconds(1));
        h.Peers.Subscriptions.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));
        h.ExpectSubscription().Fail(PeerDirectoryHarness.Unavailable());
        AwaitAssert(() => Assert.Equal(2, h.Directory.PeerService.ConsecutiveFailures));
        AdvanceJustBefore(TimeSpan.FromSeconds(2));
        h.Peers.Subscriptions.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));
        h.ExpectSubscription().Send(Added("test/a", "10.0.0.1:4244"));

        AwaitAssert(() => Assert.Equal(PeerServiceState.Connected, h.Directory.PeerService.State));
        Assert.Equal(NodeState.Connected, Assert.Single(h.Directory.Nodes).State);
        Assert.False(connection.IsDisposed);
        h.Events.ExpectNoMsg(Short);
        Assert.Equal(1, Logs.Count("PeerServiceUnavailable"));
        Assert.Equal(1, Logs.Count("PeerServiceStillUnavailable"));
    }

    [Fact]
    public void PeerServiceUnreachable_RetryDelaysDoubleUpToRetryTimeout()
    {
        var h = Start();
        h.ExpectSubscription().Fail(PeerDirectoryHarness.Unavailable());

        var failures = 1;
        foreach (var seconds in new[] { 1, 2, 4, 8, 16, 30, 30 })
        {
            AwaitAssert(() => Assert.Equal(failures, h.Directory.PeerService.ConsecutiveFailures));
            AdvanceJustBefore(TimeSpan.FromSeconds(seconds));
            h.Peers.Subscriptions.ExpectNoMsg(Short);
            Advance(TimeSpan.FromMilliseconds(1));
            h.ExpectSubscription().Fail(PeerDirectoryHarness.Unavailable());
            failures++;
        }

        AwaitAssert(() => Assert.Equal(failures, h.Directory.PeerService.ConsecutiveFailures));
    }

    [Fact]
    public void PeerServiceWorkedForARetryTimeout_FirstRetryIsQuickAgain()
    {
        var h = Start();
        h.ExpectSubscription().Fail(PeerDirectoryHarness.Unavailable());
        AwaitAssert(() => Assert.Equal(1, h.Directory.PeerService.ConsecutiveFailures));
        Advance(TimeSpan.FromSeconds(1));
        var brief = h.ExpectSubscription();
        brief.Send(Added("test/a", "10.0.0.1:4244"));
        AwaitAssert(() => Assert.Equal(PeerServiceState.Connected, h.Directory.PeerService.State));
        brief.Fail(PeerDirectoryHarness.Unavailable());
        AwaitAssert(() => Assert.Equal(PeerServiceState.Unavailable, h.Directory.PeerService.State));
        AdvanceJustBefore(TimeSpan.FromSeconds(2)); // worked only briefly: the backoff keeps doubling
        h.Peers.Subscriptions.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));
        var lasting = h.ExpectSubscription();
        lasting.Send(Added("test/a", "10.0.0.1:4244"));
        AwaitAssert(() => Assert.Equal(PeerServiceState.Connected, h.Directory.PeerService.State));

        Advance(Settings.RetryTimeout);
        lasting.Fail(PeerDirectoryHarness.Unavailable());

        AwaitAssert(() => Assert.Equal(PeerServiceState.Unavailable, h.Directory.PeerService.State));
        Advance(TimeSpan.FromSeconds(1));
        h.ExpectSubscription();
    }

    [Fact]
    public void NotifierCannotBeCreated_RetriedWithBackoff()
    {
        var nodes = NewNodes();
        var attempts = 0;
        var factory = new FakePeerNotifierFactory(Misuse)
        {
            OnCreate = (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("no channel");
            },
        };
        var directory = PeerDirectory.Start(Sys, Settings, nodes.Connector, factory, Logs, Time);

        AwaitAssert(() => Assert.Equal("no channel", directory.PeerService.LastError));
        Advance(TimeSpan.FromSeconds(1));
        AwaitAssert(() => Assert.Equal(2, directory.PeerService.ConsecutiveFailures));
        Assert.Equal(2, Volatile.Read(ref attempts));
    }

    [Fact]
    public void UpdateOfAnUnknownNode_AddsItAndDeleteOfAnUnknownNodeIsIgnored()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();

        subscription.Send(Deleted("test/nobody"), Updated("test/a", "10.0.0.1:4244"));

        h.ExpectEvent("test/a", NodeState.Connecting);
        Assert.Equal("10.0.0.1:4244", h.Nodes.Opened.ExpectMsg<FakeNodeConnection>().Address);
        Assert.Equal(0, Logs.Count("NodeRemoved"));
    }

    [Fact]
    public void Resubscribed_NodesNotReannouncedAreRemovedOnceTheListSettles()
    {
        var h = Start();
        var first = h.ExpectSubscription();
        var a = h.AddConnected(first, "test/a", "10.0.0.1:4244");
        h.AddConnected(first, "test/b", "10.0.0.2:4244");
        first.End();
        AwaitAssert(() => Assert.Equal(PeerServiceState.Unavailable, h.Directory.PeerService.State));
        Advance(TimeSpan.FromSeconds(1));

        h.ExpectSubscription().Send(Added("test/a", "10.0.0.1:4244"));
        AwaitAssert(() => Assert.Equal(PeerServiceState.Connected, h.Directory.PeerService.State));
        AdvanceJustBefore(Settings.PeerListSettleTime);
        h.Events.ExpectNoMsg(Short);
        Advance(TimeSpan.FromMilliseconds(1));

        h.ExpectEvent("test/b", NodeState.Gone);
        Assert.Equal("test/a", Assert.Single(h.Directory.Nodes).Name);
        Assert.False(a.IsDisposed);
    }

    [Fact]
    public async Task NotifyUnimplemented_PeerServiceAddressUsedAsASingleNode()
    {
        var h = Start(Settings with { PeerServiceAddress = "hubble.local" });

        h.ExpectSubscription().Fail(new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, "unknown service peer.Peer")));

        h.ExpectEvent("hubble.local:443", NodeState.Connecting);
        Assert.Equal("hubble.local:443", h.Nodes.Opened.ExpectMsg<FakeNodeConnection>().Address);
        h.Nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1"));
        h.ExpectEvent("hubble.local:443", NodeState.Connected);
        Assert.Equal(PeerServiceState.SingleNode, h.Directory.PeerService.State);
        Assert.True(await h.Directory.WaitForInitialSyncAsync(TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(10)));
        Advance(TimeSpan.FromMinutes(1));
        h.Peers.Subscriptions.ExpectNoMsg(Short);
        Assert.Equal(1, Logs.Count("PeerServiceSingleNode"));
    }

    [Fact]
    public void PeerActorCrashes_RestartedWithANewConnectionAndTheNodeKept()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var first = h.AddConnected(subscription, "test/a", "10.0.0.1:4244");

        h.PeerActor(1).Tell(Kill.Instance);

        h.ExpectEvent("test/a", NodeState.Connecting);
        var second = h.Nodes.Opened.ExpectMsg<FakeNodeConnection>();
        Assert.True(first.IsDisposed);
        h.Nodes.Calls.ExpectMsg<StatusCall>().Answer(FakeNodes.Status("v1"));
        h.ExpectEvent("test/a", NodeState.Connected);
        Assert.Same(second.Client, Assert.Single(h.Directory.Nodes).Client);
        Assert.Equal(1, Logs.Count("PeerActorRestarting"));
    }

    [Fact]
    public void ReportNodeFailure_ConnectedNodeCheckedAtOnce()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        h.AddConnected(subscription, "test/a", "10.0.0.1:4244");

        h.Directory.ReportNodeFailure("test/unknown", PeerDirectoryHarness.Unavailable());
        h.Directory.ReportNodeFailure("test/a", PeerDirectoryHarness.Unavailable("stream reset"));

        h.Nodes.Calls.ExpectMsg<StatusCall>().Fail(PeerDirectoryHarness.Unavailable());
        h.ExpectEvent("test/a", NodeState.Unavailable);
        Assert.Contains(Logs.Records, r => r.EventName == "NodeFailureReported" && r.Message.Contains("stream reset"));
    }

    [Fact]
    public async Task Dispose_ClosesEveryConnectionAndPublishesGone()
    {
        var h = Start();
        var subscription = h.ExpectSubscription();
        var a = h.AddConnected(subscription, "test/a", "10.0.0.1:4244");
        var b = h.AddConnected(subscription, "test/b", "10.0.0.2:4244");

        await h.Directory.DisposeAsync();

        Assert.True(a.IsDisposed && b.IsDisposed && subscription.IsDisposed);
        Assert.Empty(h.Directory.Nodes);
        h.ExpectEvent("test/a", NodeState.Gone);
        h.ExpectEvent("test/b", NodeState.Gone);
    }

    private PeerDirectoryHarness Start(PeerManagerSettings? settings = null)
    {
        var nodes = NewNodes();
        var peers = new FakePeerService(CreateTestProbe("subscriptions"), Misuse);
        var directory = PeerDirectory.Start(Sys, settings ?? Settings, nodes.Connector, peers.Factory, Logs, Time);
        return new PeerDirectoryHarness(this, nodes, peers, directory);
    }
}

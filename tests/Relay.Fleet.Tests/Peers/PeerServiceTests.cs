using Grpc.Core;
using Hubble.Observer;
using Hubble.Peer;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Peers;

public sealed class PeerServiceTests : IAsyncLifetime
{
    private readonly FleetTestKit _kit = new();
    private SimulatedFleet _fleet = null!;

    public async Task InitializeAsync() =>
        _fleet = await _kit.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 0, RingCapacity = 20, TimeProvider = Clock() });

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Notify_OnSubscribe_AddsEveryNode()
    {
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Peer(_fleet.PeerAddress).Notify(new NotifyRequest(), cancellationToken: cancel.Token);

        var initial = new List<ChangeNotification>();
        for (var i = 0; i < 3; i++)
        {
            initial.Add(await NextAsync(call.ResponseStream));
        }

        Assert.All(initial, n => Assert.Equal(ChangeNotificationType.PeerAdded, n.Type));
        Assert.Equal(["node-00", "node-01", "node-02"], initial.Select(n => n.Name));
        Assert.Equal(_fleet.Nodes.Select(n => n.Address), initial.Select(n => n.Address));
        Assert.Equal("node-01.default.hubble-grpc.cilium.io", initial[1].Tls.ServerName);
        Assert.Equal(1, _fleet.OpenPeerNotifyStreams);
        await cancel.CancelAsync();
        await EventuallyAsync(() => _fleet.OpenPeerNotifyStreams == 0, "the cancelled Notify stream is closed");
    }

    [Fact]
    public async Task Notify_NodesComingAndGoing_AreAnnouncedInOrder()
    {
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Peer(_fleet.PeerAddress).Notify(new NotifyRequest(), cancellationToken: cancel.Token);
        for (var i = 0; i < 3; i++)
        {
            await NextAsync(call.ResponseStream);
        }

        var added = await _fleet.AddNodeAsync("ip-10-0-9-1.ec2.internal");
        var oldAddress = _fleet.Nodes[0].Address;
        var newAddress = await _fleet.MoveNodeAsync("node-00");
        await _fleet.RemoveNodeAsync("node-01");

        var addition = await NextAsync(call.ResponseStream);
        var update = await NextAsync(call.ResponseStream);
        var deletion = await NextAsync(call.ResponseStream);
        Assert.Equal((ChangeNotificationType.PeerAdded, "ip-10-0-9-1.ec2.internal", added.Address), (addition.Type, addition.Name, addition.Address));
        Assert.Equal("ip-10-0-9-1-ec2-internal.default.hubble-grpc.cilium.io", addition.Tls.ServerName);
        Assert.Equal((ChangeNotificationType.PeerUpdated, "node-00", newAddress), (update.Type, update.Name, update.Address));
        Assert.NotEqual(oldAddress, newAddress);
        Assert.Equal((ChangeNotificationType.PeerDeleted, "node-01"), (deletion.Type, deletion.Name));
        Assert.Equal(["node-00", "node-02", "ip-10-0-9-1.ec2.internal"], _fleet.Nodes.Select(n => n.Name));
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task Notify_LateSubscriber_SeesTheCurrentMembership()
    {
        await _fleet.RemoveNodeAsync("node-02");
        var added = await _fleet.AddNodeAsync();

        using var cancel = new CancellationTokenSource();
        using var call = _kit.Peer(_fleet.PeerAddress).Notify(new NotifyRequest(), cancellationToken: cancel.Token);
        var initial = new List<ChangeNotification>();
        for (var i = 0; i < 3; i++)
        {
            initial.Add(await NextAsync(call.ResponseStream));
        }

        Assert.Equal(["node-00", "node-01", "node-03"], initial.Select(n => n.Name));
        Assert.Equal(added.Address, initial[2].Address);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task AddNodeAsync_NewNode_ServesAFullHistory()
    {
        var node = await _fleet.AddNodeAsync();

        var responses = await GetFlowsAsync(_kit.Observer(node.Address), new GetFlowsRequest());

        Assert.Equal("node-03", node.Name);
        Assert.Equal(20, responses.Count);
        Assert.All(responses, r => Assert.Equal("node-03", r.NodeName));
    }

    [Fact]
    public async Task MoveNodeAsync_NewAddressServesTheNodeAndTheOldOneRefuses()
    {
        var node = _fleet.Nodes[2];
        var oldClient = _kit.Observer(node.Address);
        var ring = node.FlowsInRing().Select(f => f.Uuid).ToList();

        var address = await _fleet.MoveNodeAsync(node.Name);

        var responses = await GetFlowsAsync(_kit.Observer(address), new GetFlowsRequest());
        Assert.Equal(ring, responses.Select(r => r.Flow.Uuid));
        Assert.Equal(address, node.Address);
        var failure = await FailureAsync(() => oldClient.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task RemoveNodeAsync_RemovedNodeRefusesConnections()
    {
        var client = _kit.Observer(_fleet.Nodes[1].Address);

        await _fleet.RemoveNodeAsync("node-01");

        var failure = await FailureAsync(() => client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Throws<KeyNotFoundException>(() => _fleet.Node("node-01"));
    }

    [Fact]
    public async Task StopPeerServiceAsync_AbortsNotifyStreamsAndRefusesUntilStarted()
    {
        var client = _kit.Peer(_fleet.PeerAddress);
        using var call = client.Notify(new NotifyRequest());
        await NextAsync(call.ResponseStream);

        await _fleet.StopPeerServiceAsync();

        await FailureAsync(async () =>
        {
            while (true)
            {
                await NextAsync(call.ResponseStream);
            }
        });
        await EventuallyAsync(() => _fleet.OpenPeerNotifyStreams == 0, "the aborted Notify stream is closed");
        using (var refused = client.Notify(new NotifyRequest()))
        {
            Assert.Equal(StatusCode.Unavailable, (await FailureAsync(() => NextAsync(refused.ResponseStream))).StatusCode);
        }

        await _fleet.StartPeerServiceAsync();
        using var cancel = new CancellationTokenSource();
        using var again = _kit.Peer(_fleet.PeerAddress).Notify(new NotifyRequest(), cancellationToken: cancel.Token);
        Assert.Equal("node-00", (await NextAsync(again.ResponseStream)).Name);
        Assert.True(_fleet.IsPeerServiceRunning);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task Notify_ClusterName_PrefixesNodeNamesAsCiliumDoes()
    {
        var fleet = await _kit.StartAsync(new FleetOptions { Nodes = 1, ClusterName = "prod", FlowsPerSecond = 0, RingCapacity = 5, TimeProvider = Clock() });
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Peer(fleet.PeerAddress).Notify(new NotifyRequest(), cancellationToken: cancel.Token);

        var peer = await NextAsync(call.ResponseStream);
        var flows = await GetFlowsAsync(_kit.Observer(fleet.Nodes[0].Address), new GetFlowsRequest { Number = 1 });
        var namespaces = await _kit.Observer(fleet.Nodes[0].Address).GetNamespacesAsync(new GetNamespacesRequest(), deadline: Deadline());

        Assert.Equal("prod/node-00", peer.Name);
        Assert.Equal("node-00.prod.hubble-grpc.cilium.io", peer.Tls.ServerName);
        Assert.Equal("prod/node-00", flows[0].NodeName);
        Assert.Equal("prod/node-00", flows[0].Flow.NodeName);
        Assert.All(namespaces.Namespaces, n => Assert.Equal("prod", n.Cluster));
        Assert.Same(fleet.Nodes[0], fleet.Node("prod/node-00"));
        await cancel.CancelAsync();
    }
}

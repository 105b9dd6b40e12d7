using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Nodes change owner while clients follow: a replica joins (the others hand it some of their nodes) or leaves (it
/// hands its nodes over). Queries on the replicas that stay see each node that moved go NODE_UNAVAILABLE and come
/// back NODE_CONNECTED from its new owner, lose no flow, and each node is read once again.
/// </summary>
public sealed class ClusterHandOffTests : IAsyncLifetime
{
    private ScaleOutRelays _relays = null!;

    public async Task InitializeAsync()
    {
        _relays = await ScaleOutRelays.StartAsync(new FleetOptions { Nodes = 12, FlowsPerSecond = 0, PrefillFlows = 20, Seed = 9 }, 2);
        await _relays.AllConnectedAsync(_relays.All, balanced: true);
    }

    public async Task DisposeAsync() => await _relays.DisposeAsync();

    [Fact]
    public async Task ReplicaJoinsMidFollow_NodesHandedToItGoAndComeBack_NoFlowLost_EachNodeReadOnce()
    {
        var fleet = _relays.Fleet;
        var ringsBefore = ClusterFollowAssert.Rings(fleet);
        var ownersBefore = _relays.All[0].Directory.Nodes.ToDictionary(n => n.Name, n => n.Owner);
        var followers = _relays.All.Select(r => new FollowReader(_relays.Client(r), new GetFlowsRequest())).ToList();
        try
        {
            await Task.WhenAll(followers.Select(f => f.UntilStatusAsync(RelayNodeState.NodeConnected, fleet.Nodes[0].PeerName)));
            ClusterFollowAssert.Produce(fleet, 5);
            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.ReceivedAsync(f, ClusterFollowAssert.ProducedSince(fleet, ringsBefore))));

            var joined = await ScaleOutRelays.StartRelayAsync(fleet.PeerAddress, ["--scale-out-seed-nodes", _relays.All[0].ScaleOutAddress]);
            _relays.Add(joined);
            await _relays.AllConnectedAsync(_relays.All, balanced: true);
            var moved = _relays.All[0].Directory.Nodes.Where(n => n.Owner == ScaleOutRelays.OwnerName(joined)).Select(n => n.Name).ToList();
            Assert.NotEmpty(moved);
            Assert.All(moved, n => Assert.NotEqual(ScaleOutRelays.OwnerName(joined), ownersBefore[n]));
            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.GoneAndBackAsync(f, moved)));
            ClusterFollowAssert.Produce(fleet, 5);

            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.ReceivedAsync(f, ClusterFollowAssert.ProducedSince(fleet, ringsBefore))));
            await Polling.UntilAsync(() => Assert.All(fleet.Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams)));
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task ReplicaLeavesMidFollow_ItsNodesGoAndComeBack_NoFlowLost_EachNodeReadOnce()
    {
        var fleet = _relays.Fleet;
        var leaving = _relays.All[1];
        var staying = _relays.All[0];
        var moved = staying.Directory.Nodes.Where(n => n.Owner == ScaleOutRelays.OwnerName(leaving)).Select(n => n.Name).ToList();
        Assert.NotEmpty(moved);
        var ringsBefore = ClusterFollowAssert.Rings(fleet);
        using var follower = new FollowReader(_relays.Client(staying), new GetFlowsRequest());
        await follower.UntilStatusAsync(RelayNodeState.NodeConnected, fleet.Nodes[0].PeerName);
        ClusterFollowAssert.Produce(fleet, 5);
        await ClusterFollowAssert.ReceivedAsync(follower, ClusterFollowAssert.ProducedSince(fleet, ringsBefore));

        await leaving.StopAsync();
        await ClusterFollowAssert.GoneAndBackAsync(follower, moved);
        await _relays.AllConnectedAsync([staying]);
        ClusterFollowAssert.Produce(fleet, 5);

        await ClusterFollowAssert.ReceivedAsync(follower, ClusterFollowAssert.ProducedSince(fleet, ringsBefore));
        await Polling.UntilAsync(() => Assert.All(fleet.Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams)));
    }
}

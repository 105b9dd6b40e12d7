using Hubble.Flow;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// A replica of a relay cluster crashes while clients follow on the others: their queries stay open, the crashed
/// replica's nodes go NODE_UNAVAILABLE and come back NODE_CONNECTED once a survivor owns them, and no flow is lost.
/// </summary>
public sealed class ClusterReplicaCrashTests : IAsyncLifetime
{
    private const int Nodes = 12;

    private ScaleOutRelays _relays = null!;

    public async Task InitializeAsync()
    {
        _relays = await ScaleOutRelays.StartAsync(new FleetOptions { Nodes = Nodes, FlowsPerSecond = 0, PrefillFlows = 20, Seed = 5 }, 3);
        await _relays.AllConnectedAsync(_relays.All, balanced: true);
    }

    public async Task DisposeAsync() => await _relays.DisposeAsync();

    [Fact]
    public async Task ReplicaCrashesMidFollow_QueriesOnTheOthersStayOpen_ItsNodesGoAndComeBack_NoFlowLost()
    {
        var victim = _relays.All[1]; // neither the oldest (peer-service follower, shard coordinator) nor a follower's
        var survivors = _relays.All.Where(r => r != victim).ToList();
        var fleet = _relays.Fleet;
        var orphans = survivors[0].Directory.Nodes.Where(n => n.Owner == ScaleOutRelays.OwnerName(victim)).Select(n => n.Name).ToList();
        Assert.NotEmpty(orphans);
        var ringsBefore = ClusterFollowAssert.Rings(fleet);
        var followers = survivors.Select(r => new FollowReader(_relays.Client(r), new GetFlowsRequest())).ToList();
        try
        {
            await Task.WhenAll(followers.Select(f => f.UntilStatusAsync(RelayNodeState.NodeConnected, fleet.Nodes[0].PeerName)));
            ClusterFollowAssert.Produce(fleet, 5);
            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.ReceivedAsync(f, ClusterFollowAssert.ProducedSince(fleet, ringsBefore))));

            await ScaleOutRelays.CrashAsync(victim);
            ClusterFollowAssert.Produce(fleet, 5); // while the crashed replica's nodes have no owner: they must arrive once they have one again
            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.GoneAndBackAsync(f, orphans)));
            await _relays.AllConnectedAsync(survivors);
            ClusterFollowAssert.Produce(fleet, 5);

            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.ReceivedAsync(f, ClusterFollowAssert.ProducedSince(fleet, ringsBefore))));
            await Polling.UntilAsync(() => Assert.All(fleet.Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams)));
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }
    }
}

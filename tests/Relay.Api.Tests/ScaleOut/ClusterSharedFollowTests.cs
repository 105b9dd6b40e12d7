using Hubble.Flow;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Api.Tests.Metrics;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Many clients following one query shape, spread over the replicas of a relay cluster: one node stream per node
/// for all of them, a client that stops reading is told what it missed, and the others miss nothing.
/// </summary>
[Collection(ClusterFleetCollection.Name)]
public sealed class ClusterSharedFollowTests(ClusterFleet cluster)
{
    private const int Followers = 100;

    // Above a follower's buffer would be a round no follower could keep up with; each follower reads every round.
    private const int Round = 40;

    [Fact]
    public async Task HundredFollowersOverThreeReplicas_OneStreamPerNode_AStalledOneIsToldWhatItMissed_TheOthersMissNothing()
    {
        await cluster.NodeStreamsAsync(0);
        var nodes = cluster.Fleet.Nodes;
        var ringsBefore = ClusterFollowAssert.Rings(cluster.Fleet);

        // `hubble observe -f`, on replica 0, 1, 2, 0, 1, ...
        var followers = Enumerable.Range(0, Followers)
            .Select(i => new FollowReader(cluster.Client(cluster.Replicas[i % cluster.Replicas.Count]), new GetFlowsRequest()))
            .ToList();
        try
        {
            await Task.WhenAll(followers.Select(f => f.UntilStatusAsync(RelayNodeState.NodeConnected, nodes[0].PeerName)));
            ClusterFollowAssert.Produce(cluster.Fleet, 1);
            await Task.WhenAll(followers.Select(f => ClusterFollowAssert.ReceivedAsync(f, ClusterFollowAssert.ProducedSince(cluster.Fleet, ringsBefore))));
            await cluster.NodeStreamsAsync(1);

            // Each replica shares one stream per node between its followers: its own nodes' and, from their owners,
            // the other nodes' (so a node's flows cross to each replica once, not once per follower).
            foreach (var replica in cluster.Replicas)
            {
                Assert.Equal(ClusterFleet.NodeCount, (await Scrape.FetchAsync(replica.MetricsAddress)).Value("hubble_relay_shared_follow_streams"));
            }

            // One follower stops reading; the nodes produce until a replica drops flows for it, while the others
            // read every flow of every round.
            var stalled = followers[0];
            var others = followers.Skip(1).ToList();
            for (var round = 0; await FlowsDroppedAsync() == 0; round++)
            {
                Assert.True(round < 30, "the stalled follower never fell behind");
                ClusterFollowAssert.Produce(cluster.Fleet, Round);
                var produced = ClusterFollowAssert.ProducedSince(cluster.Fleet, ringsBefore);
                await Task.WhenAll(others.Select(f => ClusterFollowAssert.ReceivedAsync(f, produced)));
            }

            var lost = (await stalled.UntilAsync(r => r.LostEvents is not null)).LostEvents;
            Assert.Equal(LostEventSource.HubbleRingBuffer, lost.Source);
            Assert.True(lost.NumEventsLost > 0);

            // From the live edge on it receives new flows again; what it received and what it was told it lost
            // add up to what each node produced.
            ClusterFollowAssert.Produce(cluster.Fleet, 1);
            var markers = nodes.Select(n => n.FlowsInRing()[^1].Uuid).ToHashSet();
            await stalled.UntilAsync(_ => markers.IsSubsetOf(FlowTruth.Flows(stalled.Received).Select(f => f.Uuid)));
            foreach (var node in nodes)
            {
                var received = stalled.Received.Count(r => r.Flow is not null && r.NodeName == node.PeerName);
                var toldLost = stalled.Received.Where(r => r.LostEvents is not null && r.NodeName == node.PeerName).Sum(r => (long)r.LostEvents.NumEventsLost);
                Assert.Equal(node.FlowCount - ringsBefore[node.PeerName], received + toldLost);
            }

            var all = ClusterFollowAssert.ProducedSince(cluster.Fleet, ringsBefore);
            await Task.WhenAll(others.Select(f => ClusterFollowAssert.ReceivedAsync(f, all)));
            Assert.All(others, f => Assert.DoesNotContain(f.Received, r => r.LostEvents is not null));
            await cluster.NodeStreamsAsync(1);
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }

        await cluster.NodeStreamsAsync(0);
    }

    /// <summary>Flows dropped for followers that fell behind, on every replica together.</summary>
    private async Task<double> FlowsDroppedAsync()
    {
        var dropped = 0.0;
        foreach (var replica in cluster.Replicas)
        {
            dropped += (await Scrape.FetchAsync(replica.MetricsAddress)).Value("hubble_relay_shared_follow_flows_dropped_total");
        }

        return dropped;
    }
}

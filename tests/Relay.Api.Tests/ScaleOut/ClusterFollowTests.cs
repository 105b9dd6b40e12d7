using Hubble.Flow;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Follow queries on every replica of a relay cluster: each node is read once per query shape across the whole
/// cluster (by its owner, the other replicas reading through it), and every follower receives every flow.
/// </summary>
[Collection(ClusterFleetCollection.Name)]
public sealed class ClusterFollowTests(ClusterFleet cluster)
{
    [Fact]
    public async Task FollowOnEveryReplica_TwoShapes_OneNodeStreamPerShapeInTheCluster_EveryFlowDelivered()
    {
        await cluster.NodeStreamsAsync(0);
        var callsBefore = cluster.Fleet.Nodes.ToDictionary(n => n.PeerName, n => n.TotalGetFlowsCalls);
        var ringsBefore = ClusterFollowAssert.Rings(cluster.Fleet);

        // `hubble observe -f` and `hubble observe -f --verdict FORWARDED`, once on each replica.
        var everything = cluster.Replicas.Select(r => new FollowReader(cluster.Client(r), new GetFlowsRequest())).ToList();
        var forwarded = cluster.Replicas
            .Select(r => new FollowReader(cluster.Client(r), new GetFlowsRequest { Whitelist = { new FlowFilter { Verdict = { Verdict.Forwarded } } } }))
            .ToList();
        var followers = everything.Concat(forwarded).ToList();
        try
        {
            var names = cluster.Fleet.Nodes.Select(n => n.PeerName).Order(StringComparer.Ordinal).ToList();
            await Task.WhenAll(followers.Select(async f =>
            {
                var connected = await f.UntilAsync(r => r.NodeStatus is not null);
                Assert.Equal(RelayNodeState.NodeConnected, connected.NodeStatus.StateChange);
                Assert.Equal(names, connected.NodeStatus.NodeNames.Order(StringComparer.Ordinal));
            }));

            ClusterFollowAssert.Produce(cluster.Fleet, 10);
            var produced = ClusterFollowAssert.ProducedSince(cluster.Fleet, ringsBefore);
            var forwardedProduced = produced.ToDictionary(p => p.Key, p => p.Value.Where(f => f.Verdict == Verdict.Forwarded).ToList());
            Assert.Contains(forwardedProduced.Values, f => f.Count > 0);
            await Task.WhenAll(everything.Select(f => ClusterFollowAssert.ReceivedAsync(f, produced)));
            await Task.WhenAll(forwarded.Select(f => ClusterFollowAssert.ReceivedAsync(f, forwardedProduced)));

            // One stream per shape on every node, opened once: the replicas that do not own a node read it
            // through its owner, whose stream their queries share.
            await cluster.NodeStreamsAsync(2);
            Assert.All(cluster.Fleet.Nodes, n => Assert.Equal(2, n.TotalGetFlowsCalls - callsBefore[n.PeerName]));
            Assert.All(followers, f => Assert.DoesNotContain(f.Received, r => r.LostEvents is not null || r.NodeStatus?.StateChange is RelayNodeState.NodeUnavailable or RelayNodeState.NodeError));
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }

        await cluster.NodeStreamsAsync(0);
    }
}

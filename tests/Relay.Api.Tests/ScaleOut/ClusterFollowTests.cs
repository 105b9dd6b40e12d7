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
        var ringsBefore = cluster.Fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowCount);

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

            foreach (var node in cluster.Fleet.Nodes)
            {
                node.ProduceFlows(10);
            }

            var produced = cluster.Fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowsInRing().Skip(ringsBefore[n.PeerName]).ToList());
            var forwardedProduced = produced.ToDictionary(p => p.Key, p => p.Value.Where(f => f.Verdict == Verdict.Forwarded).ToList());
            Assert.Contains(forwardedProduced.Values, f => f.Count > 0);
            await Task.WhenAll(everything.Select(f => ReceivedAsync(f, produced)));
            await Task.WhenAll(forwarded.Select(f => ReceivedAsync(f, forwardedProduced)));

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

    /// <summary>
    /// Reads until <paramref name="follower"/> holds every flow of <paramref name="expected"/>, then checks that each
    /// node's flows came exactly once and in the node's order (follow releases a flow late rather than hold the others
    /// back, so across nodes the order depends on timing).
    /// </summary>
    internal static async Task ReceivedAsync(FollowReader follower, IReadOnlyDictionary<string, List<Flow>> expected)
    {
        var total = expected.Values.Sum(f => f.Count);
        while (follower.Received.Count(r => r.Flow is not null) < total)
        {
            await follower.NextAsync();
        }

        var flows = FlowTruth.Flows(follower.Received);
        foreach (var (node, nodeFlows) in expected)
        {
            Assert.Equal(nodeFlows.Select(f => f.Uuid), flows.Where(f => f.NodeName == node).Select(f => f.Uuid));
        }

        Assert.Equal(total, flows.Count);
    }
}

using Hubble.Flow;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>What the cluster follow tests produce on the fleet and check that followers receive.</summary>
internal static class ClusterFollowAssert
{
    /// <summary>How many flows each node holds, to tell later flows from earlier ones.</summary>
    public static Dictionary<string, int> Rings(SimulatedFleet fleet) => fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowCount);

    /// <summary>Every node produces <paramref name="count"/> flows now.</summary>
    public static void Produce(SimulatedFleet fleet, int count)
    {
        foreach (var node in fleet.Nodes)
        {
            node.ProduceFlows(count);
        }
    }

    /// <summary>Each node's flows since <paramref name="rings"/> was taken.</summary>
    public static Dictionary<string, List<Flow>> ProducedSince(SimulatedFleet fleet, Dictionary<string, int> rings) =>
        fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowsInRing().Skip(rings[n.PeerName]).ToList());

    /// <summary>
    /// Reads until <paramref name="follower"/> holds every flow of <paramref name="expected"/>, then checks that each
    /// node's flows came exactly once and in the node's order (follow releases a flow late rather than hold the others
    /// back, so across nodes the order depends on timing).
    /// </summary>
    public static async Task ReceivedAsync(FollowReader follower, IReadOnlyDictionary<string, List<Flow>> expected)
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

    /// <summary>Reads until every node of <paramref name="nodes"/> was reported NODE_UNAVAILABLE and then NODE_CONNECTED.</summary>
    public static async Task GoneAndBackAsync(FollowReader follower, IReadOnlyCollection<string> nodes)
    {
        var gone = new HashSet<string>(StringComparer.Ordinal);
        var back = new HashSet<string>(StringComparer.Ordinal);
        while (back.Count < nodes.Count)
        {
            var status = (await follower.UntilAsync(r => r.NodeStatus is not null)).NodeStatus;
            foreach (var node in status.NodeNames.Where(nodes.Contains))
            {
                if (status.StateChange == RelayNodeState.NodeUnavailable)
                {
                    gone.Add(node);
                }
                else if (status.StateChange == RelayNodeState.NodeConnected && gone.Contains(node))
                {
                    back.Add(node);
                }
            }
        }
    }
}

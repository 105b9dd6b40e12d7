using Relay.Actors.Peers;
using Relay.Fleet;

namespace Relay.Actors.Tests.Cluster;

/// <summary>Assertions over the directories of several replicas and the fleet they dial.</summary>
internal static class ClusterAssert
{
    /// <summary>
    /// Waits until every replica lists exactly the fleet's nodes, all Connected and owned by one of them; with
    /// <paramref name="spread"/>, also until every replica owns some (after rebalancing).
    /// </summary>
    public static Task AllConnectedAsync(IReadOnlyCollection<Replica> replicas, SimulatedFleet fleet, bool spread = false) =>
        Polling.UntilAsync(() =>
        {
            if (spread)
            {
                var owners = replicas.First().Directory.Nodes.Select(n => n.Owner).ToHashSet();
                Assert.All(replicas, r => Assert.Contains(r.Address, owners));
            }

            var expected = fleet.Nodes.Select(n => n.PeerName).Order().ToList();
            var addresses = replicas.Select(r => r.Address).ToList();
            foreach (var replica in replicas)
            {
                var nodes = replica.Directory.Nodes;
                Assert.Equal(expected, nodes.Select(n => n.Name));
                Assert.All(nodes, n => Assert.True(n.State == NodeState.Connected, $"{replica}: {n.Name} is {n.State} ({n.LastError})"));
                Assert.All(nodes, n => Assert.NotNull(n.Client));
                Assert.All(nodes, n => Assert.Contains(n.Owner, addresses));
            }
        });

    /// <summary>Every replica names the same owner for every node, one of the replicas; returns node → owner.</summary>
    public static Dictionary<string, string> OwnersAgree(IReadOnlyCollection<Replica> replicas)
    {
        var owners = replicas.First().Directory.Nodes.ToDictionary(n => n.Name, n => n.Owner ?? "(none)");
        foreach (var replica in replicas)
        {
            Assert.Equal(owners, replica.Directory.Nodes.ToDictionary(n => n.Name, n => n.Owner ?? "(none)"));
        }

        Assert.All(owners.Values, owner => Assert.Contains(owner, replicas.Select(r => r.Address)));
        return owners;
    }

    /// <summary>Each node has exactly one open connection: only its owner dials it.</summary>
    public static Task OneConnectionPerNodeAsync(SimulatedFleet fleet) =>
        Polling.UntilAsync(() => Assert.All(fleet.Nodes, n => Assert.True(
            n.OpenConnections == 1, $"{n.PeerName} has {n.OpenConnections} open connections")));
}

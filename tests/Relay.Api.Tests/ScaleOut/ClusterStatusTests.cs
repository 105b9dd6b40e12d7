using Hubble.Observer;
using Relay.Api.Tests.Metrics;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>ServerStatus, GetNodes and GetNamespaces on any replica answer for every node of the relay cluster.</summary>
[Collection(ClusterFleetCollection.Name)]
public sealed class ClusterStatusTests(ClusterFleet cluster)
{
    [Fact]
    public async Task ServerStatus_OnEveryReplica_CountsEveryNodeAndItsFlows_AsASingleRelayDoes()
    {
        var reference = await cluster.Client(cluster.Single).ServerStatusAsync(new ServerStatusRequest());
        Assert.Equal((uint)ClusterFleet.NodeCount, reference.NumConnectedNodes);
        Assert.Equal((ulong)cluster.Fleet.Nodes.Sum(n => n.FlowCount), reference.NumFlows);

        foreach (var replica in cluster.Replicas)
        {
            var status = await cluster.Client(replica).ServerStatusAsync(new ServerStatusRequest());

            Assert.Equal(reference.NumConnectedNodes, status.NumConnectedNodes);
            Assert.Equal(0u, status.NumUnavailableNodes);
            Assert.Equal(reference.NumFlows, status.NumFlows);
            Assert.Equal(reference.MaxFlows, status.MaxFlows);
            Assert.Equal(reference.SeenFlows, status.SeenFlows);
            Assert.Equal(reference.Version, status.Version);
        }
    }

    [Fact]
    public async Task GetNamespaces_OnEveryReplica_IsWhatASingleRelayAnswers()
    {
        var reference = await cluster.Client(cluster.Single).GetNamespacesAsync(new GetNamespacesRequest());
        Assert.NotEmpty(reference.Namespaces);

        foreach (var replica in cluster.Replicas)
        {
            Assert.Equal(reference.Namespaces, (await cluster.Client(replica).GetNamespacesAsync(new GetNamespacesRequest())).Namespaces);
        }
    }

    [Fact]
    public async Task GetNodes_OnEveryReplica_ListsEveryNodeAsASingleRelayDoes()
    {
        var reference = (await cluster.Client(cluster.Single).GetNodesAsync(new GetNodesRequest())).Nodes;
        Assert.Equal(cluster.Fleet.Nodes.Select(n => n.PeerName).Order(StringComparer.Ordinal), reference.Select(n => n.Name));

        foreach (var replica in cluster.Replicas)
        {
            var nodes = (await cluster.Client(replica).GetNodesAsync(new GetNodesRequest())).Nodes;

            Assert.Equal(reference.Select(Describe), nodes.Select(Describe));
            Assert.All(nodes, n => Assert.Equal(RelayNodeState.NodeConnected, n.State));
        }
    }

    [Fact]
    public async Task NodesOwnedMetric_OnEveryReplica_IsItsShare_TheSharesAddUpToTheFleet()
    {
        var shares = new List<double>();
        foreach (var replica in cluster.Replicas)
        {
            var owned = (await Scrape.FetchAsync(replica.MetricsAddress)).Value("hubble_relay_nodes_owned");

            Assert.Equal(replica.Directory.Nodes.Count(n => n.Owner == ScaleOutRelays.OwnerName(replica)), owned);
            shares.Add(owned);
        }

        Assert.Equal(ClusterFleet.NodeCount, shares.Sum());
        Assert.All(shares, s => Assert.True(s > 0, $"nodes owned per replica: {string.Join(", ", shares)}"));
    }

    /// <summary>What does not depend on when the node was last checked (uptime and flow counts do).</summary>
    private static string Describe(Node node) =>
        $"{node.Name} {node.State} {node.Version} {node.Address} {node.MaxFlows} {node.Tls?.Enabled}";
}

using Akka.Actor;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Entities;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Fleet;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// Three replicas and a fleet of twelve nodes on loopback, for real: each node is dialled by exactly one replica,
/// every replica lists every node, and a node's messages reach its owner.
/// </summary>
public sealed class ClusterOwnershipTests : IAsyncLifetime
{
    private const int NodeCount = 12;

    private SimulatedFleet _fleet = null!;
    private RelayReplicas _replicas = null!;

    public async Task InitializeAsync()
    {
        _fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = NodeCount, FlowsPerSecond = 0, PrefillFlows = 5 });
        _replicas = await RelayReplicas.StartAsync(_fleet, 3, EchoOwnedNode);
    }

    public async Task DisposeAsync()
    {
        await _replicas.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task ThreeReplicas_EveryNodeDialledByExactlyOneReplicaAndListedConnectedOnAll()
    {
        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet, spread: true);

        var owners = ClusterAssert.OwnersAgree(_replicas.All);
        Assert.Equal(_fleet.Nodes.Select(n => n.PeerName).Order(), owners.Keys.Order());
        foreach (var replica in _replicas.All)
        {
            foreach (var entry in replica.Directory.Nodes)
            {
                // Own nodes carry the replica's own connection; the others a client reaching their owner.
                if (entry.Owner == replica.Address)
                {
                    Assert.IsNotType<StubRemoteClient>(entry.Client);
                }
                else
                {
                    Assert.Equal(entry.Name, Assert.IsType<StubRemoteClient>(entry.Client).Node);
                }
            }

            Assert.True(await replica.Directory.WaitForInitialSyncAsync(Polling.Patience));
            Assert.Equal(PeerServiceState.Connected, replica.Directory.PeerService.State);
        }

        await ClusterAssert.OneConnectionPerNodeAsync(_fleet);
    }

    [Fact]
    public async Task MessageForANode_ReachesItsOwnersHandlerWithTheOwnersEntry()
    {
        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet);
        var node = _fleet.Nodes[3].PeerName;
        var owner = _replicas.All.Single(r => r.Address == r.NodesByName()[node].Owner);

        var answer = await owner.Directory.Ask(new Probe(node), TimeSpan.FromSeconds(10), CancellationToken.None);

        var echo = Assert.IsType<Echo>(answer);
        Assert.Equal(node, echo.Node.Name);
        Assert.Equal(NodeState.Connected, echo.Node.State);
        Assert.Equal(owner.Address, echo.Node.Owner);
        Assert.IsType<GrpcNodeClient>(Assert.IsType<OwnedNodeClient>(echo.Node.Client).Inner); // the owner's own connection
    }

    [Fact]
    public async Task MessageForAnUnknownNode_AnsweredNotOwned()
    {
        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet);

        var error = await Assert.ThrowsAsync<NodeNotOwnedException>(
            () => _replicas.All[0].Directory.Ask(new Probe("no/such-node"), TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("no/such-node", error.Message);
    }

    private static bool EchoOwnedNode(object message, NodeEntry node, IActorRef replyTo)
    {
        if (message is not Probe)
        {
            return false;
        }

        replyTo.Tell(new Echo(node));
        return true;
    }

    // Local messages: the test asks through the owner's own region, so they never cross replicas.
    private sealed record Probe(string NodeName) : INodeAddressed;

    private sealed record Echo(NodeEntry Node);
}

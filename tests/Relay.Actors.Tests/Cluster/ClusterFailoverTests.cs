using System.Collections.Concurrent;
using Relay.Actors.Peers;
using Relay.Fleet;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// Replicas crash and nodes come and go in the peer service: the survivors re-own the crashed replica's nodes,
/// and every replica follows the peer list, whichever replica follows the peer service.
/// </summary>
public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private SimulatedFleet _fleet = null!;
    private RelayReplicas _replicas = null!;

    public async Task InitializeAsync()
    {
        _fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 10, FlowsPerSecond = 0, PrefillFlows = 5 });
        _replicas = await RelayReplicas.StartAsync(_fleet, 3);
        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet, spread: true);
    }

    public async Task DisposeAsync()
    {
        await _replicas.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task FollowerReplicaCrashes_ItsNodesUnavailableThenReownedBySurvivorsAndTheFollowerMoves()
    {
        var victim = _replicas.Oldest(); // runs the peer-service follower
        var survivors = _replicas.All.Where(r => r != victim).ToList();
        var orphans = ClusterAssert.OwnersAgree(_replicas.All).Where(p => p.Value == victim.Address).Select(p => p.Key).ToHashSet();
        Assert.NotEmpty(orphans);
        var seen = survivors.ToDictionary(r => r, r => Record(r.Directory));

        await _replicas.KillAsync(victim);

        await ClusterAssert.AllConnectedAsync(survivors, _fleet);
        var owners = ClusterAssert.OwnersAgree(survivors);
        foreach (var survivor in survivors)
        {
            foreach (var node in orphans)
            {
                // Running queries see the node go (NODE_UNAVAILABLE) and come back (NODE_CONNECTED).
                var states = seen[survivor].Where(e => e.Name == node).Select(e => e.State).ToList();
                var unavailable = states.IndexOf(NodeState.Unavailable);
                Assert.True(unavailable >= 0, $"{survivor}: {node} went {string.Join(", ", states)}");
                Assert.Equal(NodeState.Connected, states[^1]);
                Assert.NotEqual(victim.Address, owners[node]);
            }
        }

        Assert.Contains(_replicas.Logs.Records, r => r.EventName == "ReplicaUnreachable"); // a crash, not a leave
        await ClusterAssert.OneConnectionPerNodeAsync(_fleet);

        // The follower now runs on a survivor: a node added to the peer service is owned and listed everywhere.
        await _fleet.AddNodeAsync();
        await ClusterAssert.AllConnectedAsync(survivors, _fleet);
        ClusterAssert.OwnersAgree(survivors);
    }

    [Fact]
    public async Task NodesAddedAndRemovedInThePeerService_AppearAndDisappearOnEveryReplica()
    {
        var added = await _fleet.AddNodeAsync();
        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet);
        Assert.All(_replicas.All, r => Assert.Contains(added.PeerName, r.NodesByName().Keys));

        var removed = _fleet.Nodes[0];
        var gone = _replicas.All.ToDictionary(r => r, r => Record(r.Directory));
        await _fleet.RemoveNodeAsync(removed.PeerName);

        await ClusterAssert.AllConnectedAsync(_replicas.All, _fleet);
        Assert.All(_replicas.All, r => Assert.DoesNotContain(removed.PeerName, r.NodesByName().Keys));
        Assert.All(_replicas.All, r => Assert.Contains(gone[r], e => e.Name == removed.PeerName && e.State == NodeState.Gone));
        ClusterAssert.OwnersAgree(_replicas.All);
        await ClusterAssert.OneConnectionPerNodeAsync(_fleet);
    }

    // The directory's change events, as a follow query sees them.
    private static ConcurrentQueue<NodeEntry> Record(IPeerDirectory directory)
    {
        var events = new ConcurrentQueue<NodeEntry>();
        directory.Subscribe(events.Enqueue);
        return events;
    }
}

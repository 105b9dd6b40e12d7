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
        var ringsBefore = fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowCount);
        var followers = survivors.Select(r => new FollowReader(_relays.Client(r), new GetFlowsRequest())).ToList();
        try
        {
            await Task.WhenAll(followers.Select(f => f.UntilStatusAsync(RelayNodeState.NodeConnected, fleet.Nodes[0].PeerName)));
            Produce(5);
            await Task.WhenAll(followers.Select(f => ClusterFollowTests.ReceivedAsync(f, Produced(ringsBefore))));

            await ScaleOutRelays.CrashAsync(victim);
            Produce(5); // while the crashed replica's nodes have no owner: they must arrive once they have one again
            await Task.WhenAll(followers.Select(f => GoneAndBackAsync(f, orphans)));
            await _relays.AllConnectedAsync(survivors);
            Produce(5);

            await Task.WhenAll(followers.Select(f => ClusterFollowTests.ReceivedAsync(f, Produced(ringsBefore))));
            await Polling.UntilAsync(() => Assert.All(fleet.Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams)));
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Reads until every node of <paramref name="nodes"/> was reported NODE_UNAVAILABLE and then NODE_CONNECTED.</summary>
    private static async Task GoneAndBackAsync(FollowReader follower, IReadOnlyCollection<string> nodes)
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

    private void Produce(int count)
    {
        foreach (var node in _relays.Fleet.Nodes)
        {
            node.ProduceFlows(count);
        }
    }

    private Dictionary<string, List<Flow>> Produced(Dictionary<string, int> ringsBefore) =>
        _relays.Fleet.Nodes.ToDictionary(n => n.PeerName, n => n.FlowsInRing().Skip(ringsBefore[n.PeerName]).ToList());
}

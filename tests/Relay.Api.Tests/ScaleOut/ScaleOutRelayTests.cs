using Hubble.Observer;
using Relay.Fleet;
using AkkaCluster = Akka.Cluster.Cluster;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>Three relays with <c>--scale-out</c> over one fleet: one relay cluster, each node dialled once.</summary>
public sealed class ScaleOutRelayTests : IAsyncLifetime
{
    private ScaleOutRelays _relays = null!;

    public async Task InitializeAsync()
    {
        _relays = await ScaleOutRelays.StartAsync(new FleetOptions { Nodes = 10, FlowsPerSecond = 0, PrefillFlows = 20, RingCapacity = 100 }, 3);
        await _relays.AllConnectedAsync(_relays.All, balanced: true);
    }

    public async Task DisposeAsync() => await _relays.DisposeAsync();

    [Fact]
    public async Task GetNodes_OnEveryRelay_ListsEveryNodeOfTheClusterWithItsStatus()
    {
        foreach (var relay in _relays.All)
        {
            var nodes = (await _relays.Client(relay).GetNodesAsync(new GetNodesRequest())).Nodes;

            Assert.Equal(_relays.Fleet.Nodes.Select(n => n.PeerName).Order(), nodes.Select(n => n.Name));
            Assert.All(nodes, n => Assert.Equal(RelayNodeState.NodeConnected, n.State));
            Assert.All(nodes, n => Assert.Equal((ulong)_relays.Fleet.Node(n.Name).RingCapacity, n.MaxFlows)); // from the owner's check
        }

        await Polling.UntilAsync(() => Assert.All(_relays.Fleet.Nodes, n => Assert.Equal(1, n.OpenConnections)));
    }

    [Fact]
    public async Task RelayStopped_LeavesTheClusterAndTheOthersOwnItsNodes()
    {
        var leaving = _relays.All[1];
        var staying = _relays.All.Where(r => r != leaving).ToList();

        await leaving.StopAsync();

        await _relays.AllConnectedAsync(staying);
        await Polling.UntilAsync(() => Assert.All(_relays.Fleet.Nodes, n => Assert.Equal(1, n.OpenConnections)));
        Assert.False(leaving.Lost.IsCompleted); // a stop, not a loss
    }

    [Fact]
    public async Task RelayDownedByTheCluster_ReportsItselfLost()
    {
        var downed = _relays.All[2];
        var other = AkkaCluster.Get(_relays.All[0].ActorSystem);

        other.Down(AkkaCluster.Get(downed.ActorSystem).SelfAddress);

        await downed.Lost.WaitAsync(Polling.Patience);
        await _relays.AllConnectedAsync(_relays.All.Where(r => r != downed).ToList());
    }
}

using Hubble.Observer;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>Follow queries through a real relay, with nodes failing, returning and joining.</summary>
public sealed class GetFlowsFollowTests : IAsyncLifetime
{
    private RelayHarness _relay = null!;

    public async Task InitializeAsync() =>
        _relay = await RelayHarness.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 0, PrefillFlows = 50, Seed = 3 });

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    private SimulatedNode Node(int i) => _relay.Fleet.Nodes[i];

    [Fact]
    public async Task NewFlows_FromEveryNode_ArriveInTimeOrder()
    {
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(0).PeerName);

        foreach (var node in _relay.Fleet.Nodes)
        {
            node.ProduceFlows(5);
        }

        var flows = new List<GetFlowsResponse>();
        while (flows.Count < 15)
        {
            var next = await follow.NextAsync();
            if (next.Flow is not null)
            {
                flows.Add(next);
            }
        }

        FlowTruth.AssertTimeOrdered(flows.Select(f => f.Flow).ToList());
        Assert.Equal(_relay.Fleet.Nodes.Select(n => n.PeerName).Order(), flows.Select(f => f.NodeName).Distinct().Order());
    }

    [Fact]
    public async Task LastNWithFollow_GivesNOfHistoryInTotal_ThenLiveFlows()
    {
        var truth = FlowTruth.Merged(_relay.Fleet);
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest { Number = 10 });

        var history = new List<GetFlowsResponse>();
        while (history.Count < 10)
        {
            var next = await follow.NextAsync();
            if (next.Flow is not null)
            {
                history.Add(next);
            }
        }

        Assert.Equal(
            truth.TakeLast(10).Select(f => $"{f.NodeName} {f.Time.ToDateTimeOffset():O}"),
            history.Select(h => $"{h.Flow.NodeName} {h.Flow.Time.ToDateTimeOffset():O}"));
        Assert.Equal(truth.TakeLast(10), history.Select(h => h.Flow));
        Node(2).ProduceFlows(1);
        var live = await follow.FlowsFromAsync(Node(2).PeerName, 1);
        Assert.True(live[0].Flow.Time.ToDateTimeOffset() > truth[^1].Time.ToDateTimeOffset());
    }

    [Fact]
    public async Task IdleNode_DoesNotHoldBackTheOthers()
    {
        Node(2).Pause();
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(0).PeerName);

        Node(0).ProduceFlows(3);

        Assert.Equal(3, (await follow.FlowsFromAsync(Node(0).PeerName, 3)).Count);
    }

    [Fact]
    public async Task StoppedNode_IsReported_OthersKeepFlowing_AndItResumesWithoutGapOrReplay()
    {
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(1).PeerName);
        Node(1).ProduceFlows(2);
        await follow.FlowsFromAsync(Node(1).PeerName, 2);

        await Node(1).StopAsync();
        var lost = await follow.UntilAsync(r => r.NodeStatus is { } s && s.NodeNames.Contains(Node(1).PeerName)
            && s.StateChange is RelayNodeState.NodeUnavailable or RelayNodeState.NodeError);
        Assert.NotNull(lost.NodeStatus);
        Node(1).ProduceFlows(3); // while it is unreachable: must arrive once it is back
        Node(0).ProduceFlows(2);
        Assert.Equal(2, (await follow.FlowsFromAsync(Node(0).PeerName, 2)).Count);

        await Node(1).StartAsync();
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(1).PeerName);
        Node(1).ProduceFlows(2);
        var resumed = await follow.FlowsFromAsync(Node(1).PeerName, 5);

        var expected = Node(1).FlowsInRing().TakeLast(5).Select(f => f.Uuid);
        Assert.Equal(expected, resumed.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task NodeAddedDuringFollow_JoinsWithNodeConnected_AndItsFlowsArrive()
    {
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(0).PeerName);

        var added = await _relay.Fleet.AddNodeAsync();
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, added.PeerName);
        added.ProduceFlows(3);

        Assert.Equal(3, (await follow.FlowsFromAsync(added.PeerName, 3)).Count);
    }

    [Fact]
    public async Task ClientCancel_ReleasesEveryNodeStream()
    {
        var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, Node(0).PeerName);
        await AwaitAsync(() => _relay.Fleet.Nodes.All(n => n.OpenGetFlowsStreams == 1));

        follow.Dispose();

        await AwaitAsync(() => _relay.Fleet.Nodes.All(n => n.OpenGetFlowsStreams == 0));
    }

    /// <summary>Waits for a condition that other threads make true, checking each time the fleet could have changed.</summary>
    private static async Task AwaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + RelayHarness.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Yield();
            await Task.Delay(10);
        }
    }
}

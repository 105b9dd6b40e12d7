using Hubble.Flow;
using Hubble.Observer;
using Relay.Api.Tests.Metrics;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>
/// Many clients following one query shape through a real relay: one node stream each node, a client that stops
/// reading is told what it missed, and the others miss nothing.
/// </summary>
public sealed class SharedFollowTests : IAsyncLifetime
{
    private const int Followers = 100;

    // Small, so the stalled follower overflows after a few hundred flows rather than thousands (the default
    // behaves the same, further out); above a round, so a follower that reads every round never can.
    private const int FollowerBuffer = 64;
    private const int Round = 50;

    private RelayHarness _relay = null!;

    public async Task InitializeAsync() =>
        _relay = await RelayHarness.StartAsync(
            new FleetOptions { Nodes = 3, FlowsPerSecond = 0, PrefillFlows = 0, Seed = 7 },
            options => options with { SharedFollowBuffer = FollowerBuffer },
            "--metrics-listen-address", "127.0.0.1:0");

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    private IReadOnlyList<SimulatedNode> Nodes => _relay.Fleet.Nodes;

    [Fact]
    public async Task FollowersOfOneShape_ShareOneStreamPerNode_AStalledOneIsToldWhatItMissed_TheOthersMissNothing()
    {
        // `hubble observe -f` sends follow and nothing else: no number, no since, no filters.
        var followers = Enumerable.Range(0, Followers).Select(_ => new FollowReader(_relay.Client, new GetFlowsRequest())).ToList();
        try
        {
            await Task.WhenAll(followers.Select(f => f.UntilStatusAsync(RelayNodeState.NodeConnected, Nodes[0].PeerName)));
            ProduceOnEveryNode(1);
            var produced = Nodes.Count;
            await Task.WhenAll(followers.Select(f => FlowsAsync(f, produced)));
            Assert.All(Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams));

            // `hubble observe -f --verdict FORWARDED`: another shape, its own stream on every node.
            using (var forwarded = new FollowReader(_relay.Client, new GetFlowsRequest { Whitelist = { new FlowFilter { Verdict = { Verdict.Forwarded } } } }))
            {
                await forwarded.UntilStatusAsync(RelayNodeState.NodeConnected, Nodes[0].PeerName);
                await AwaitAsync(() => Nodes.All(n => n.OpenGetFlowsStreams == 2));
            }

            await AwaitAsync(() => Nodes.All(n => n.OpenGetFlowsStreams == 1));

            // One follower stops reading; the nodes produce until the relay drops flows for it. The others read
            // every flow of every round while it is stalled.
            var stalled = followers[0];
            var others = followers.Skip(1).ToList();
            for (var round = 0; await FlowsDroppedAsync() == 0; round++)
            {
                Assert.True(round < 20, "the stalled follower never fell behind");
                ProduceOnEveryNode(Round);
                produced += Round * Nodes.Count;
                await Task.WhenAll(others.Select(f => FlowsAsync(f, produced)));
            }

            var lost = (await stalled.UntilAsync(r => r.LostEvents is not null)).LostEvents;
            Assert.Equal(LostEventSource.HubbleRingBuffer, lost.Source);
            Assert.True(lost.NumEventsLost > 0);
            Assert.True(lost.First.ToDateTimeOffset() <= lost.Last.ToDateTimeOffset());

            // From the live edge on it receives new flows again; what it received and what it was told it lost
            // add up to what each node produced.
            ProduceOnEveryNode(1);
            produced += Nodes.Count;
            var markers = Nodes.Select(n => n.FlowsInRing()[^1].Uuid).ToHashSet();
            await stalled.UntilAsync(_ => markers.IsSubsetOf(FlowTruth.Flows(stalled.Received).Select(f => f.Uuid)));
            foreach (var node in Nodes)
            {
                var received = stalled.Received.Count(r => r.Flow is not null && r.NodeName == node.PeerName);
                var toldLost = stalled.Received.Where(r => r.LostEvents is not null && r.NodeName == node.PeerName).Sum(r => (long)r.LostEvents.NumEventsLost);
                Assert.Equal(node.FlowCount, received + toldLost);
            }

            var truth = FlowTruth.Merged(_relay.Fleet).Select(f => f.Uuid).Order().ToList();
            Assert.Equal(produced, truth.Count);
            await Task.WhenAll(others.Select(f => FlowsAsync(f, produced)));
            Assert.All(others, f =>
            {
                Assert.DoesNotContain(f.Received, r => r.LostEvents is not null);
                Assert.Equal(truth, FlowTruth.Flows(f.Received).Select(x => x.Uuid).Order());
            });
            Assert.All(Nodes, n => Assert.Equal(1, n.OpenGetFlowsStreams));
        }
        finally
        {
            followers.ForEach(f => f.Dispose());
        }

        await AwaitAsync(() => Nodes.All(n => n.OpenGetFlowsStreams == 0));
    }

    private void ProduceOnEveryNode(int count)
    {
        foreach (var node in Nodes)
        {
            node.ProduceFlows(count);
        }
    }

    /// <summary>Reads until <paramref name="follower"/> has received <paramref name="count"/> flows in all.</summary>
    private static async Task FlowsAsync(FollowReader follower, int count)
    {
        while (follower.Received.Count(r => r.Flow is not null) < count)
        {
            await follower.NextAsync();
        }
    }

    private async Task<double> FlowsDroppedAsync() =>
        (await Scrape.FetchAsync(_relay.Relay.MetricsAddress)).Value("hubble_relay_shared_follow_flows_dropped_total");

    /// <summary>Waits for a condition other threads make true (node streams opening and closing).</summary>
    private static async Task AwaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + RelayHarness.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}

using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Relay.Streams.Merging;
using Xunit.Abstractions;

namespace Relay.Streams.Tests.Merging;

/// <summary>History mode: an exact merge that waits for every input.</summary>
public sealed class MergeSortedNHistorySpec(ITestOutputHelper output) : MergeSpecBase(output)
{
    private static readonly MergeSortedSettings OneAhead = MergeSortedSettings.History with { PerInputBufferMax = 1 };

    [Fact]
    public async Task History_InterleavedInputs_EmitsInTimeOrder()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var merged = await MergeAllAsync(
                    MergeSortedSettings.History,
                    Input("n1", 1, 4, 7, 10),
                    Input("n2", 2, 5, 8),
                    Input("n3", 3, 6, 9, 11, 12));

                Assert.Equal(Enumerable.Range(1, 12).Select(i => (long?)i), merged.Select(f => f.Time));
            },
            Materializer);
    }

    [Fact]
    public async Task History_EqualTimes_BreakTiesByNameThenArrival()
    {
        var merged = await MergeAllAsync(
            MergeSortedSettings.History,
            Input("b", 5, 5, 6),
            Input("c", 5),
            Input("a", 5, 6));

        Assert.Equal(
            ["a:5#0", "b:5#0", "b:5#1", "c:5#0", "a:6#1", "b:6#2"],
            merged.Select(f => $"{f.Node}:{f.Time}#{f.Tag}"));
    }

    [Fact]
    public async Task History_LocalDisorderWithinBuffer_IsResorted()
    {
        var merged = await MergeAllAsync(
            MergeSortedSettings.History with { PerInputBufferMax = 3 },
            Input("n1", 3, 1, 2, 6, 4, 5, 9, 7, 8),
            Input("n2", 2, 10));

        Assert.Equal([1L, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10], merged.Select(f => f.Time!.Value));
    }

    [Fact]
    public async Task History_DisorderBeyondBuffer_DeliversLateElementAndCountsIt()
    {
        var (merged, stats) = await MergeWithStatsAsync(
            MergeSortedSettings.History with { PerInputBufferMax = 2 },
            Input("n1", 3, 4, 5, 1));

        Assert.Equal([3L, 4, 1, 5], merged.Select(f => f.Time!.Value));
        Assert.Equal(1, stats.LateElements);
    }

    [Fact]
    public async Task History_IdleInput_HoldsMergeUntilItCompletes()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var rig = Run(OneAhead);
                var a = await JoinAsync(rig, "a");
                var b = await JoinAsync(rig, "b");
                var idle = await JoinAsync(rig, "idle");
                await rig.Outer.SendCompleteAsync();
                await rig.Out.RequestAsync(10);
                await SendAsync(rig, a, TestFlow.At("a", 2));
                await SendAsync(rig, b, TestFlow.At("b", 1));

                await rig.Out.ExpectNoMsgAsync(Quiet);

                await idle.SendCompleteAsync();
                await rig.Out.ExpectNextAsync(TestFlow.At("b", 1));
                await a.SendCompleteAsync();
                await b.SendCompleteAsync();
                await rig.Out.ExpectNextAsync(TestFlow.At("a", 2));
                await rig.Out.ExpectCompleteAsync();
            },
            Materializer);
    }

    [Fact]
    public async Task History_OuterStillOpen_HoldsTimedElementsUntilInputSetIsFinal()
    {
        var rig = Run(OneAhead);
        var a = await JoinAsync(rig, "a");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", 5));

        await rig.Out.ExpectNoMsgAsync(Quiet);

        // A late joiner with older elements is still merged in order, because the set was not final yet.
        var b = await JoinAsync(rig, "b");
        await SendAsync(rig, b, TestFlow.At("b", 1));
        await rig.Outer.SendCompleteAsync();
        await rig.Out.ExpectNextAsync(TestFlow.At("b", 1));
        await rig.Out.ExpectNoMsgAsync(Quiet);
    }

    [Fact]
    public async Task History_ControlElement_PassesAheadOfHeldElements()
    {
        var rig = Run(MergeSortedSettings.History with { PerInputBufferMax = 2 });
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await SendAsync(rig, a, TestFlow.At("a", 1), TestFlow.Control("a"));

        await rig.Out.RequestAsync(2);
        await rig.Out.ExpectNextAsync(TestFlow.Control("a"));
        await rig.Out.ExpectNoMsgAsync(Quiet);
    }

    [Fact]
    public async Task History_ThousandInputs_EmitsEverythingInOrder()
    {
        var random = new Random(1234);
        var times = Enumerable.Range(0, 1000)
            .ToDictionary(i => $"node-{i:D4}", _ => Enumerable.Range(0, 20).Select(_ => (long)random.Next(0, 5000)).Order().ToArray());
        var inputs = times.Select(node => Input(node.Key, node.Value)).ToArray();
        var expected = times
            .SelectMany(node => node.Value.Select((time, tag) => TestFlow.At(node.Key, time, tag)))
            .OrderBy(f => f.Time).ThenBy(f => f.Node, StringComparer.Ordinal).ThenBy(f => f.Tag)
            .ToList();

        var merged = await MergeAllAsync(MergeSortedSettings.History, inputs);

        Assert.Equal(20_000, merged.Count);
        Assert.Equal(expected, merged);
    }

    private async Task<(IReadOnlyList<TestFlow> Merged, MergeStats Stats)> MergeWithStatsAsync(
        MergeSortedSettings settings, params MergeInput<TestFlow>[] inputs)
    {
        var (stats, merged) = MergeSortedN.Merge(inputs, TestFlow.Ordering, settings)
            .ToMaterialized(Sink.Seq<TestFlow>(), Keep.Both)
            .Run(Materializer);
        return (await merged, stats);
    }
}

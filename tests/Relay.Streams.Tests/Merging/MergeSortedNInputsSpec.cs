using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Relay.Streams.Merging;
using Xunit.Abstractions;

namespace Relay.Streams.Tests.Merging;

/// <summary>Inputs joining, leaving, failing and being replaced; completion, cancellation and backpressure.</summary>
public sealed class MergeSortedNInputsSpec(ITestOutputHelper output) : MergeSpecBase(output)
{
    [Fact]
    public async Task InputFailure_WithReportMapping_EmitsReportAndMergeGoesOn()
    {
        var failures = new List<(string Name, Exception Error)>();
        var rig = Run(MergeSortedSettings.Following, (name, error) =>
        {
            failures.Add((name, error));
            return TestFlow.Control(name, tag: 99);
        });
        var a = await JoinAsync(rig, "a");
        var b = await JoinAsync(rig, "b");
        await rig.Out.RequestAsync(10);

        await a.SendErrorAsync(new InvalidOperationException("node a broke"));

        await rig.Out.ExpectNextAsync(TestFlow.Control("a", tag: 99));
        var failure = Assert.Single(failures);
        Assert.Equal("a", failure.Name);
        Assert.Equal("node a broke", failure.Error.Message);
        await SendAsync(rig, b, TestFlow.At("b", Start));
        await rig.Out.ExpectNextAsync(TestFlow.At("b", Start));
        Assert.Equal(1, rig.Stats.InputsFailed);
        Assert.Equal(1, rig.Stats.LiveInputs);
    }

    [Fact]
    public async Task InputFailure_WithoutMapping_IsCountedAndMergeCompletesNormally()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var rig = Run(MergeSortedSettings.History with { PerInputBufferMax = 1 });
                var a = await JoinAsync(rig, "a");
                var b = await JoinAsync(rig, "b");
                await rig.Outer.SendCompleteAsync();
                await rig.Out.RequestAsync(10);

                await a.SendErrorAsync(new InvalidOperationException("node a broke"));
                await SendAsync(rig, b, TestFlow.At("b", 1));
                await b.SendCompleteAsync();

                await rig.Out.ExpectNextAsync(TestFlow.At("b", 1));
                await rig.Out.ExpectCompleteAsync();
                Assert.Equal(1, rig.Stats.InputsFailed);
                Assert.Equal(2, rig.Stats.InputsLeft);
            },
            Materializer);
    }

    [Fact]
    public async Task Completion_OuterAndInputsComplete_CompletesOnlyAfterDraining()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var rig = Run(MergeSortedSettings.Following);
                var a = await JoinAsync(rig, "a");
                var b = await JoinAsync(rig, "b");
                await SendAsync(rig, b, TestFlow.At("b", Start + Ms(2)));
                await SendAsync(rig, a, TestFlow.At("a", Start + Ms(1)));
                await a.SendCompleteAsync();
                await b.SendCompleteAsync();
                await rig.Outer.SendCompleteAsync();

                await rig.Out.ExpectSubscriptionAsync();
                await rig.Out.ExpectNoMsgAsync(Quiet);
                await rig.Out.RequestAsync(2);
                await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1)));
                await rig.Out.ExpectNextAsync(TestFlow.At("b", Start + Ms(2)));
                await rig.Out.ExpectCompleteAsync();
            },
            Materializer);
    }

    [Fact]
    public async Task Completion_OuterCompletesFirst_WaitsForLiveInputs()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        await rig.Outer.SendCompleteAsync();
        await rig.Out.RequestAsync(10);
        await rig.Out.ExpectNoMsgAsync(Quiet);

        await SendAsync(rig, a, TestFlow.At("a", Start));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start));
        await a.SendCompleteAsync();
        await rig.Out.ExpectCompleteAsync();
    }

    [Fact]
    public async Task Cancel_Downstream_CancelsOuterAndEveryInput()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var rig = Run(MergeSortedSettings.Following);
                var a = await JoinAsync(rig, "a");
                var b = await JoinAsync(rig, "b");

                await rig.Out.CancelAsync();

                await a.ExpectCancellationAsync();
                await b.ExpectCancellationAsync();
                await rig.Outer.ExpectCancellationAsync();
            },
            Materializer);
    }

    [Fact]
    public async Task DuplicateName_NewInputReplacesOld_WhatOldDeliveredIsKept()
    {
        var rig = Run(MergeSortedSettings.Following);
        var first = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, first, TestFlow.At("a", Start + Ms(1), tag: 1));

        var second = await JoinAsync(rig, "a");
        await first.ExpectCancellationAsync();
        await SendAsync(rig, second, TestFlow.At("a", Start + Ms(2), tag: 2));
        Clock.Advance(MergeSortedSettings.DefaultLateness + TimeSpan.FromMilliseconds(2));

        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1), tag: 1));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(2), tag: 2));
        Assert.Equal(3, rig.Stats.InputsJoined);
        Assert.Equal(1, rig.Stats.InputsLeft);
    }

    [Fact]
    public async Task Backpressure_InputIsNeverPulledBeyondItsBuffer()
    {
        var pulled = 0;
        var counted = new MergeInput<TestFlow>(
            "a",
            Source.From(Enumerable.Range(1, 1000)).Select(i =>
            {
                Interlocked.Increment(ref pulled);
                return TestFlow.At("a", i);
            }));
        var (stats, output) = MergeSortedN.Merge([counted], TestFlow.Ordering, MergeSortedSettings.Following with { PerInputBufferMax = 5 })
            .ToMaterialized(this.SinkProbe<TestFlow>(), Keep.Both)
            .Run(Materializer);

        await output.EnsureSubscriptionAsync();
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref pulled) == 5));
        await output.ExpectNoMsgAsync(Quiet);
        Assert.Equal(5, Volatile.Read(ref pulled));
        Assert.Equal(5, stats.MaxBuffered);

        await output.RequestAsync(3);
        await output.ExpectNextNAsync([TestFlow.At("a", 1), TestFlow.At("a", 2), TestFlow.At("a", 3)]);
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref pulled) == 8));
        await output.ExpectNoMsgAsync(Quiet);
        Assert.Equal(8, Volatile.Read(ref pulled));
        Assert.Equal(5, stats.MaxBuffered);
    }

    [Fact]
    public async Task Backpressure_DownstreamDemand_IsNeverExceeded()
    {
        var (stats, output) = MergeSortedN.Merge(
                [Input("a", 1, 3, 5, 7), Input("b", 2, 4, 6, 8)],
                TestFlow.Ordering,
                MergeSortedSettings.History)
            .ToMaterialized(this.SinkProbe<TestFlow>(), Keep.Both)
            .Run(Materializer);

        await output.RequestAsync(3);
        await output.ExpectNextNAsync([TestFlow.At("a", 1), TestFlow.At("b", 2, 0), TestFlow.At("a", 3, 1)]);
        await output.ExpectNoMsgAsync(Quiet);
        Assert.Equal(3, stats.ElementsEmitted);
    }
}

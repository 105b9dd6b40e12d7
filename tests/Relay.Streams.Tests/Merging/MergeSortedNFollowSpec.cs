using Akka.Streams.TestKit;
using Relay.Streams.Merging;
using Xunit.Abstractions;

namespace Relay.Streams.Tests.Merging;

/// <summary>Follow mode: bounded latency on virtual time; the stage's clock is the test scheduler.</summary>
public sealed class MergeSortedNFollowSpec(ITestOutputHelper output) : MergeSpecBase(output)
{
    private static readonly TimeSpan Lateness = MergeSortedSettings.DefaultLateness;

    [Fact]
    public async Task Follow_EveryInputHoldsNewerElement_ReleasesWithoutWaiting()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        var b = await JoinAsync(rig, "b");
        await rig.Out.RequestAsync(10);

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(1)));
        await SendAsync(rig, b, TestFlow.At("b", Start + Ms(2)));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1)));
        await rig.Out.ExpectNoMsgAsync(Quiet);

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(3)));
        await rig.Out.ExpectNextAsync(TestFlow.At("b", Start + Ms(2)));
        Assert.Equal(0, rig.Stats.LateElements);
    }

    [Fact]
    public async Task Follow_IdleInput_HoldsOthersForExactlyLateness()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", Start));

        Clock.Advance(Lateness - TimeSpan.FromMilliseconds(1));
        await rig.Out.ExpectNoMsgAsync(Quiet);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start));
    }

    [Fact]
    public async Task Follow_IdleInput_ReleasesEachElementAtItsOwnDeadline()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", Start), TestFlow.At("a", Start + Ms(10)), TestFlow.At("a", Start + Ms(20)));

        Clock.Advance(Lateness);
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(10)));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(20)));
    }

    [Fact]
    public async Task Follow_FullBuffer_ReleasesOldestHeldAtOnce()
    {
        var rig = Run(MergeSortedSettings.Following with { PerInputBufferMax = 2 });
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(2)));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(1)));

        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1)));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        Assert.Equal(2, rig.Stats.MaxBuffered);
    }

    [Fact]
    public async Task Follow_ElementOlderThanEmitted_IsDeliveredAtOnceAndCountedLate()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        var b = await JoinAsync(rig, "b");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(10)));
        await SendAsync(rig, b, TestFlow.At("b", Start + Ms(20)));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(10)));
        Clock.Advance(Lateness + TimeSpan.FromMilliseconds(20));
        await rig.Out.ExpectNextAsync(TestFlow.At("b", Start + Ms(20)));

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(5)));

        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(5)));
        Assert.Equal(1, rig.Stats.LateElements);
    }

    [Fact]
    public async Task Follow_ControlElement_PassesAheadOfHeldElements()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);

        await SendAsync(rig, a, TestFlow.At("a", Start), TestFlow.Control("a"));

        await rig.Out.ExpectNextAsync(TestFlow.Control("a"));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        Assert.Equal(1, rig.Stats.Buffered);
    }

    [Fact]
    public async Task Follow_StaleElementsFromSeveralInputs_AreOrderedWithinReorderWindow()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        var b = await JoinAsync(rig, "b");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(5)));
        await SendAsync(rig, b, TestFlow.At("b", Start + Ms(3)));
        await rig.Out.ExpectNoMsgAsync(Quiet);

        Clock.Advance(MergeSortedSettings.Following.HistoryReorderWindow);
        await rig.Out.ExpectNextAsync(TestFlow.At("b", Start + Ms(3)));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(5)));
    }

    [Fact]
    public async Task Follow_ZeroReorderWindow_ReleasesStaleElementAtOnce()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var rig = Run(MergeSortedSettings.Following with { HistoryReorderWindow = TimeSpan.Zero });
        var a = await JoinAsync(rig, "a");
        await JoinAsync(rig, "idle");
        await rig.Out.RequestAsync(10);

        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(5)));

        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(5)));
    }

    [Fact]
    public async Task Follow_InputJoiningWhileRunning_TakesPartInOrdering()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(1)));
        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1)));

        var b = await JoinAsync(rig, "b");
        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(3)));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        await SendAsync(rig, b, TestFlow.At("b", Start + Ms(2)));

        await rig.Out.ExpectNextAsync(TestFlow.At("b", Start + Ms(2)));
        await rig.Out.ExpectNoMsgAsync(Quiet);
        Assert.Equal(2, rig.Stats.LiveInputs);
    }

    [Fact]
    public async Task Follow_InputCompletes_NoLongerHoldsOthers()
    {
        var rig = Run(MergeSortedSettings.Following);
        var a = await JoinAsync(rig, "a");
        var b = await JoinAsync(rig, "b");
        await rig.Out.RequestAsync(10);
        await SendAsync(rig, a, TestFlow.At("a", Start + Ms(1)));
        await rig.Out.ExpectNoMsgAsync(Quiet);

        await b.SendCompleteAsync();

        await rig.Out.ExpectNextAsync(TestFlow.At("a", Start + Ms(1)));
    }
}

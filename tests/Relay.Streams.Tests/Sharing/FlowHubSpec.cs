using Akka.Streams;
using Akka.Streams.TestKit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Streams.Sharing;
using Relay.Streams.Wire;
using FlowRecord = Hubble.Flow.Flow;

namespace Relay.Streams.Tests.Sharing;

public sealed class FlowHubSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string Node = "node-a";
    private readonly IMaterializer _materializer;

    public FlowHubSpec() => _materializer = Sys.Materializer();

    private static RawFlowResponse Flow(long time)
    {
        var ts = new Timestamp { Seconds = time / 1_000_000_000, Nanos = (int)(time % 1_000_000_000) };
        var bytes = new GetFlowsResponse { Flow = new FlowRecord { Time = ts, NodeName = Node }, NodeName = Node, Time = ts }.ToByteArray();
        return RawFlowResponse.Parse(bytes);
    }

    private static LostEvent? Lost(RawFlowResponse response) =>
        response.Kind == ResponseKind.LostEvents ? GetFlowsResponse.Parser.ParseFrom(response.Payload).LostEvents : null;

    private (FlowHub Hub, TestPublisher.Probe<RawFlowResponse> Upstream) Start(int bufferMax = 8, int replayMax = 4, long since = 0, TimeSpan? replayAge = null)
    {
        var hub = new FlowHub(Node, since, new SharedFlowSettings(bufferMax, replayMax) { ReplayAge = replayAge });
        var (upstream, source) = this.SourceProbe<RawFlowResponse>().PreMaterialize(_materializer);
        SharedFlowStream.Run(hub, source, _materializer);
        return (hub, upstream);
    }

    private TestSubscriber.Probe<RawFlowResponse> Follow(FlowHub hub, long since = 0)
    {
        Assert.Equal(FlowHubJoin.Joined, hub.TryJoin(since, out var subscription));
        return subscription!.AsSource().RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
    }

    private static List<long?> Times(TestSubscriber.Probe<RawFlowResponse> follower, int count) =>
        Enumerable.Range(0, count).Select(_ => follower.ExpectNext().TimeNanos).ToList();

    [Fact]
    public void Followers_EachReceiveEveryResponse_InOrder()
    {
        var (hub, upstream) = Start();
        var first = Follow(hub);
        var second = Follow(hub);
        first.Request(10);
        second.Request(10);

        foreach (var time in new long[] { 5, 3, 9, 12 })
        {
            upstream.SendNext(Flow(time));
        }

        Assert.Equal([5L, 3L, 9L, 12L], Times(first, 4));
        Assert.Equal([5L, 3L, 9L, 12L], Times(second, 4));
        Assert.Equal(2, hub.FollowerCount);
    }

    [Fact]
    public void LateJoiner_GetsTheReplayedResponsesSinceItsSince_ThenLiveOnes()
    {
        var (hub, upstream) = Start();
        var early = Follow(hub);
        early.Request(10);
        upstream.SendNext(Flow(10)).SendNext(Flow(20)).SendNext(Flow(30));
        Assert.Equal([10L, 20L, 30L], Times(early, 3));

        var late = Follow(hub, since: 20);
        late.Request(10);
        Assert.Equal([20L, 30L], Times(late, 2));
        late.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        upstream.SendNext(Flow(40));
        Assert.Equal([40L], Times(late, 1));
        Assert.Equal([40L], Times(early, 1));
    }

    [Fact]
    public void Follower_SkipsResponsesOlderThanItsSince_ThatArriveLate()
    {
        var (hub, upstream) = Start();
        var early = Follow(hub);
        var late = Follow(hub, since: 50);
        early.Request(10);
        late.Request(10);

        upstream.SendNext(Flow(60)).SendNext(Flow(45)).SendNext(Flow(70));

        Assert.Equal([60L, 45L, 70L], Times(early, 3));
        Assert.Equal([60L, 70L], Times(late, 2));
    }

    [Fact]
    public void Joiner_SinceOlderThanTheReplayWindowHolds_IsNotCovered()
    {
        var (hub, upstream) = Start(replayMax: 2);
        var early = Follow(hub);
        early.Request(10);
        upstream.SendNext(Flow(10)).SendNext(Flow(20)).SendNext(Flow(30));
        Assert.Equal([10L, 20L, 30L], Times(early, 3));

        Assert.Equal(FlowHubJoin.NotCovered, hub.TryJoin(10, out var uncovered));
        Assert.Null(uncovered);
        var covered = Follow(hub, since: 11);
        covered.Request(10);
        Assert.Equal([20L, 30L], Times(covered, 2));
    }

    [Fact]
    public void ReplayWindow_KeepsOnlyResponsesYoungerThanItsAge_BehindTheNewest()
    {
        var (hub, upstream) = Start(replayMax: 4, replayAge: TimeSpan.FromTicks(1)); // 100 ns
        var early = Follow(hub);
        early.Request(10);
        upstream.SendNext(Flow(100)).SendNext(Flow(150)).SendNext(Flow(260));
        Assert.Equal([100L, 150L, 260L], Times(early, 3));

        // 260 - 100 = 160: 100 and 150 are older than that and left; a joiner from 151 on is exact.
        Assert.Equal(FlowHubJoin.NotCovered, hub.TryJoin(150, out _));
        var covered = Follow(hub, since: 151);
        covered.Request(10);
        Assert.Equal(260L, covered.ExpectNext().TimeNanos);
        covered.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ExpireLookBack_AgesOnlyWhatCameBeforeTheFirstFollowersSince_AndNothingAFollowerHasYetToRead()
    {
        var hub = new FlowHub(Node, 0, new SharedFlowSettings(8, 4) { LookBack = TimeSpan.FromTicks(1) }); // first since: 100 ns
        var (upstream, source) = this.SourceProbe<RawFlowResponse>().PreMaterialize(_materializer);
        SharedFlowStream.Run(hub, source, _materializer);
        var slow = Follow(hub);
        upstream.SendNext(Flow(10)).SendNext(Flow(20)).SendNext(Flow(130));
        AwaitCondition(() => hub.Ring.Head == 3);

        hub.ExpireLookBack(before: 1_000);

        Assert.Equal(FlowHubJoin.NotCovered, hub.TryJoin(20, out _));
        var joiner = Follow(hub, since: 21);
        joiner.Request(10);
        Assert.Equal(130L, joiner.ExpectNext().TimeNanos);
        slow.Request(10);
        Assert.Equal([10L, 20L, 130L], Times(slow, 3)); // unread entries stay in the ring until read
    }

    [Fact]
    public void Ring_GrowsAsAFollowerFallsBehind_AndTheFollowerStillReadsEveryResponseInOrder()
    {
        var (hub, upstream) = Start(bufferMax: 100, replayMax: 4);
        var reading = Follow(hub);
        var behind = Follow(hub);
        reading.Request(100);
        Assert.Equal(16, hub.Ring.Size);

        var times = Enumerable.Range(1, 70).Select(t => (long?)t).ToList();
        foreach (var time in times)
        {
            upstream.SendNext(Flow(time!.Value));
        }

        Assert.Equal(times, Times(reading, 70));
        Assert.Equal(101, hub.Ring.Size); // 16 → 32 → 64 → 101 (the buffer + 1) while 70 stayed unread
        behind.Request(100);
        Assert.Equal(times, Times(behind, 70));
    }

    [Fact]
    public void Ring_NeverGrowsPastOneMoreThanTheBuffer()
    {
        var (hub, upstream) = Start(bufferMax: 40, replayMax: 4);
        var behind = Follow(hub);
        for (var time = 1; time <= 100; time++)
        {
            upstream.SendNext(Flow(time));
        }

        AwaitCondition(() => hub.Ring.Head == 100);
        Assert.Equal(41, hub.Ring.Size);
        behind.Request(100);
        Assert.NotNull(Lost(behind.ExpectNext())); // fell more than the buffer behind, twice (at 41 and 81)
        Assert.Equal(Enumerable.Range(81, 20).Select(t => (long?)t), Times(behind, 20));
    }

    [Fact]
    public void Joiner_SinceBeforeTheUpstreamSince_IsNotCovered()
    {
        var (hub, _) = Start(since: 100);
        _ = Follow(hub, since: 100);

        Assert.Equal(FlowHubJoin.NotCovered, hub.TryJoin(99, out _));
    }

    [Fact]
    public void FollowerPastItsBuffer_GetsOneLostEventsWithCountAndTimes_ThenContinuesFromTheNewest()
    {
        var (hub, upstream) = Start(bufferMax: 3, replayMax: 0);
        var watcher = Follow(hub);
        var stalled = Follow(hub);
        watcher.Request(100);

        // 1..3 fill the stalled follower's buffer; 4 overflows it: 1..3 dropped, 4 kept. 5 and 6 fit;
        // 7 overflows again: 4..6 dropped, 7 kept. It has missed 1..6 in total.
        // The watcher keeps up (each flow is sent once it has the previous one), so only the stalled one drops.
        for (var time = 1L; time <= 7; time++)
        {
            upstream.SendNext(Flow(time));
            Assert.Equal(time, watcher.ExpectNext().TimeNanos);
        }

        Assert.Equal(6, hub.FlowsDropped);

        stalled.Request(2);
        var lostResponse = stalled.ExpectNext();
        var lost = Lost(lostResponse)!;
        Assert.Equal(LostEventSource.HubbleRingBuffer, lost.Source);
        Assert.Equal(6UL, lost.NumEventsLost);
        Assert.Equal(1L, UnixNanosOf(lost.First));
        Assert.Equal(6L, UnixNanosOf(lost.Last));
        Assert.Equal(Node, lostResponse.NodeName);
        Assert.Equal(6L, lostResponse.TimeNanos);
        Assert.Equal(7L, stalled.ExpectNext().TimeNanos);

        stalled.Request(10);
        upstream.SendNext(Flow(8));
        Assert.Equal(8L, stalled.ExpectNext().TimeNanos);
        stalled.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void FollowerNotReading_LosesNothing_ToResponsesOlderThanItsSince()
    {
        var (hub, upstream) = Start(bufferMax: 3, replayMax: 0);
        var watcher = Follow(hub);
        var follower = Follow(hub, since: 100);
        watcher.Request(100);

        // The stream starts before the follower's since (a look-back): ten older flows pass a buffer of three.
        foreach (var time in new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101, 102 })
        {
            upstream.SendNext(Flow(time));
            Assert.Equal(time, watcher.ExpectNext().TimeNanos);
        }

        follower.Request(10);
        Assert.Equal([101L, 102L], Times(follower, 2));
        follower.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, hub.FlowsDropped);
    }

    [Fact]
    public void StalledFollower_DoesNotHoldBackTheOthers()
    {
        var (hub, upstream) = Start(bufferMax: 4, replayMax: 0);
        var stalled = Follow(hub);
        var active = Follow(hub);
        active.Request(1000);

        for (var time = 1L; time <= 200; time++)
        {
            upstream.SendNext(Flow(time));
            Assert.Equal(time, active.ExpectNext().TimeNanos);
        }

        stalled.Request(1);
        Assert.NotNull(Lost(stalled.ExpectNext()));
    }

    [Fact]
    public void UpstreamFailure_FailsEveryFollowerWithTheSameError_AfterWhatItHadLeft()
    {
        var (hub, upstream) = Start();
        var first = Follow(hub);
        var second = Follow(hub);
        var error = new RpcException(new Status(StatusCode.Unavailable, "node went away"));

        // An error crossing the probe's async boundary drops elements still buffered there, so the flow must
        // reach the hub (the first follower sees it) before the error is sent.
        upstream.SendNext(Flow(1));
        first.Request(10);
        Assert.Equal(1L, first.ExpectNext().TimeNanos);
        upstream.SendError(error);
        Assert.Same(error, first.ExpectError());
        second.Request(10);
        Assert.Equal(1L, second.ExpectNext().TimeNanos);
        Assert.Same(error, second.ExpectError());
        Assert.Equal(FlowHubJoin.Terminated, hub.TryJoin(0, out _));
    }

    [Fact]
    public void UpstreamCompletion_CompletesEveryFollower()
    {
        var (hub, upstream) = Start();
        var follower = Follow(hub);

        upstream.SendNext(Flow(1)).SendComplete();

        follower.Request(10);
        Assert.Equal(1L, follower.ExpectNext().TimeNanos);
        follower.ExpectComplete();
        Assert.True(hub.Terminated.IsCompleted);
    }

    [Fact]
    public async Task LastFollowerLeaving_CancelsTheUpstream_AndClosesTheHub_LeavingNoStageRunning()
    {
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var (hub, upstream) = Start();
                var first = Follow(hub);
                var second = Follow(hub);
                upstream.EnsureSubscription();

                first.Cancel();
                AwaitCondition(() => hub.FollowerCount == 1);
                Assert.False(hub.Terminated.IsCompleted);

                second.Cancel();
                upstream.ExpectCancellation();
                await hub.Terminated.WaitAsync(RemainingOrDefault);
                Assert.Equal(FlowHubJoin.Terminated, hub.TryJoin(0, out _));
            },
            _materializer);
    }

    [Fact]
    public void Subscription_ReadBySecondStream_FailsThatStream()
    {
        var (hub, _) = Start();
        Assert.Equal(FlowHubJoin.Joined, hub.TryJoin(0, out var subscription));
        var source = subscription!.AsSource();
        var first = source.RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        first.EnsureSubscription();

        var second = source.RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);

        Assert.IsType<InvalidOperationException>(second.ExpectSubscriptionAndError());
    }

    private static long UnixNanosOf(Timestamp timestamp) => Relay.Streams.Time.UnixNanos.From(timestamp);
}

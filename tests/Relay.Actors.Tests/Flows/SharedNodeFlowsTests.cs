using Akka.Streams;
using Akka.Streams.TestKit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Streams.Sharing;
using Relay.Streams.Wire;
using FlowRecord = Hubble.Flow.Flow;

namespace Relay.Actors.Tests.Flows;

public sealed class SharedNodeFlowsTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly NodeEntry NodeA = new("node-a", "127.0.0.1:1", null, NodeState.Connected, DateTimeOffset.UnixEpoch);
    private static readonly NodeEntry NodeB = new("node-b", "127.0.0.1:2", null, NodeState.Connected, DateTimeOffset.UnixEpoch);

    private readonly IMaterializer _materializer;
    private readonly RecordingNodeFlows _nodes;
    private readonly SharedNodeFlows _shared;

    public SharedNodeFlowsTests()
    {
        _materializer = Sys.Materializer();
        _nodes = new RecordingNodeFlows(this, _materializer);
        _shared = new SharedNodeFlows(_nodes, _materializer, new SharedFlowSettings(FollowerBufferMax: 16, ReplayMax: 8));
    }

    private static GetFlowsRequest Follow(long since, params FlowFilter[] whitelist)
    {
        var request = new GetFlowsRequest { Follow = true, Since = new Timestamp { Nanos = (int)since } };
        request.Whitelist.AddRange(whitelist);
        return request;
    }

    private static FlowFilter Namespace(string name) => new() { SourcePod = { name + "/" } };

    private static RawFlowResponse Flow(long time)
    {
        var ts = new Timestamp { Nanos = (int)time };
        return RawFlowResponse.Parse(new GetFlowsResponse { Flow = new FlowRecord { Time = ts }, NodeName = "node-a", Time = ts }.ToByteArray());
    }

    private TestSubscriber.Probe<RawFlowResponse> Run(NodeEntry node, GetFlowsRequest request, CancellationToken callEnded = default, Metadata? headers = null)
    {
        var probe = _shared.Open(node, request, headers ?? [], callEnded).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        probe.Request(100);
        return probe;
    }

    [Fact]
    public void FollowersOfOneShape_ShareOneNodeCall_AndEachReceiveItsFlows()
    {
        var first = Run(NodeA, Follow(100, Namespace("demo")));
        AwaitCondition(() => _nodes.Opened.Count == 1);
        var second = Run(NodeA, Follow(150, Namespace("demo")));
        AwaitCondition(() => _shared.Stats.Followers == 2 && !_nodes.Opened.IsEmpty);

        _nodes.Single().Stream.SendNext(Flow(200));

        Assert.Equal(200L, first.ExpectNext().TimeNanos);
        Assert.Equal(200L, second.ExpectNext().TimeNanos);
        Assert.Single(_nodes.Opened);
        Assert.Equal(new SharedFlowStats(SharedStreams: 1, Followers: 2, FlowsDropped: 0, Unshared: 0), _shared.Stats);
    }

    [Fact]
    public void OtherFilters_OtherFieldMask_OrOtherNode_OpenTheirOwnCalls()
    {
        var masked = Follow(100, Namespace("demo"));
        masked.FieldMask = new FieldMask { Paths = { "time", "source" } };

        Run(NodeA, Follow(100, Namespace("demo")));
        Run(NodeA, Follow(100, Namespace("kube-system")));
        Run(NodeA, masked);
        Run(NodeB, Follow(100, Namespace("demo")));

        AwaitCondition(() => _nodes.Opened.Count == 4);
        Assert.Equal(4, _shared.Stats.SharedStreams);
    }

    [Fact]
    public void RequestsWithAHistoryPart_GoStraightToTheInnerFlows_AsAsked()
    {
        var history = new GetFlowsRequest { Number = 20 };
        var lastNThenFollow = new GetFlowsRequest { Follow = true, Number = 20 };
        var followUntil = Follow(100);
        followUntil.Until = new Timestamp { Seconds = 10 };
        var followFromTheLiveEdge = new GetFlowsRequest { Follow = true };

        foreach (var request in new[] { history, lastNThenFollow, followUntil, followFromTheLiveEdge })
        {
            _shared.Open(NodeA, request, [], CancellationToken.None);
        }

        Assert.Equal([history, lastNThenFollow, followUntil, followFromTheLiveEdge], _nodes.Opened.Select(o => o.Request));
        Assert.Equal(0, _shared.Stats.SharedStreams);
    }

    [Fact]
    public void FollowerStartingBeforeTheSharedStreamCovers_ReadsTheGapAsHistory_ThenShares_Exactly()
    {
        var first = Run(NodeA, Follow(100));
        AwaitCondition(() => _nodes.Opened.Count == 1);
        var shared = _nodes.Single().Stream;
        shared.SendNext(Flow(100)).SendNext(Flow(120));
        Assert.Equal(100L, first.ExpectNext().TimeNanos);
        Assert.Equal(120L, first.ExpectNext().TimeNanos);

        var early = Run(NodeA, Follow(50));

        AwaitCondition(() => _nodes.Opened.Count == 2);
        var gap = _nodes.Opened.Last();
        Assert.Equal((50, false, 99), (gap.Request.Since.Nanos, gap.Request.Follow, gap.Request.Until.Nanos)); // the hub holds 100 on
        Assert.Equal(1, _shared.Stats.Unshared);
        Assert.Equal(2, _shared.Stats.Followers);
        shared.SendNext(Flow(130)); // waits in the early follower's buffer while it reads the gap
        gap.Stream.SendNext(Flow(60)).SendNext(Flow(90)).SendComplete();
        Assert.Equal([60L, 90L, 100L, 120L, 130L], Enumerable.Range(0, 5).Select(_ => early.ExpectNext().TimeNanos));
        Assert.Equal(130L, first.ExpectNext().TimeNanos);
    }

    [Fact]
    public void GapCallFailing_FailsThatFollower_AndLeavesTheSharedStream()
    {
        var first = Run(NodeA, Follow(100));
        AwaitCondition(() => _nodes.Opened.Count == 1);
        var early = Run(NodeA, Follow(50));
        AwaitCondition(() => _nodes.Opened.Count == 2 && _shared.Stats.Followers == 2);
        var error = new RpcException(new Status(StatusCode.Unavailable, "gone"));

        _nodes.Opened.Last().Stream.SendError(error);

        Assert.Same(error, early.ExpectError());
        AwaitCondition(() => _shared.Stats.Followers == 1);
        _nodes.Opened.First().Stream.SendNext(Flow(150));
        Assert.Equal(150L, first.ExpectNext().TimeNanos);
    }

    [Fact]
    public void SharedCall_StartsALookBackBeforeTheFirstFollower_SoOneThatStartedJustEarlierShares()
    {
        var lookingBack = new SharedNodeFlows(_nodes, _materializer, new SharedFlowSettings(16, 8) { LookBack = TimeSpan.FromTicks(3) });
        var first = lookingBack.Open(NodeA, Follow(1000), [], CancellationToken.None).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        first.Request(10);
        AwaitCondition(() => _nodes.Opened.Count == 1);

        var earlier = lookingBack.Open(NodeA, Follow(800), [], CancellationToken.None).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        earlier.Request(10);
        AwaitCondition(() => lookingBack.Stats.Followers == 2);
        _nodes.Single().Stream.SendNext(Flow(750)).SendNext(Flow(900)).SendNext(Flow(1100));

        Assert.Equal(700, _nodes.Single().Request.Since.Nanos); // 3 ticks = 300 ns before the first follower
        Assert.Equal(900L, earlier.ExpectNext().TimeNanos);
        Assert.Equal(1100L, earlier.ExpectNext().TimeNanos);
        Assert.Equal(1100L, first.ExpectNext().TimeNanos);
    }

    [Fact]
    public void QuietStream_LookBackAgesOnTheRelayClock_WhatCameSinceTheFirstFollowerStays()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var settings = new SharedFlowSettings(16, 8) { LookBack = TimeSpan.FromTicks(1), ReplayAge = TimeSpan.FromSeconds(5) };
        var aging = new SharedNodeFlows(_nodes, _materializer, settings, clock: clock);
        TestSubscriber.Probe<RawFlowResponse> Open(long since)
        {
            var probe = aging.Open(NodeA, Follow(since), [], CancellationToken.None).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
            probe.Request(10);
            return probe;
        }

        var first = Open(1000);
        AwaitCondition(() => _nodes.Opened.Count == 1);
        Assert.Equal(900, _nodes.Single().Request.Since.Nanos);
        _nodes.Single().Stream.SendNext(Flow(950)).SendNext(Flow(1100));
        Assert.Equal(1100L, first.ExpectNext().TimeNanos);

        // The stream goes quiet; 5 s later on the relay's clock the look-back (950) has left the window.
        clock.Advance(TimeSpan.FromSeconds(5) + TimeSpan.FromMicroseconds(1));
        var returning = Open(1000); // e.g. a query resuming a node at its last flow: still shared, exactly
        Assert.Equal(1100L, returning.ExpectNext().TimeNanos);
        var early = Open(950); // asks for the flow that left: reads it from the node, then shares

        AwaitCondition(() => _nodes.Opened.Count == 2);
        Assert.Equal((950, false, 950), (_nodes.Opened.Last().Request.Since.Nanos, _nodes.Opened.Last().Request.Follow, _nodes.Opened.Last().Request.Until.Nanos));
        Assert.Equal(1, aging.Stats.Unshared);
    }

    [Fact]
    public void SharedCall_StartsAtTheFirstFollowersSince_WithItsHeaders_AndOutlivesItsCall()
    {
        using var firstCall = new CancellationTokenSource();
        var first = Run(NodeA, Follow(100), firstCall.Token, new Metadata { { "x-client", "first" } });
        var second = Run(NodeA, Follow(120));
        AwaitCondition(() => _shared.Stats.Followers == 2 && !_nodes.Opened.IsEmpty);
        var opened = _nodes.Single();
        Assert.Equal(100, opened.Request.Since.Nanos);
        Assert.Equal("first", opened.Headers.GetValue("x-client"));

        firstCall.Cancel();
        first.Cancel();
        AwaitCondition(() => _shared.Stats.Followers == 1);
        Assert.False(opened.CallEnded.IsCancellationRequested);
        opened.Stream.SendNext(Flow(130));
        Assert.Equal(130L, second.ExpectNext().TimeNanos);

        second.Cancel();
        opened.Stream.ExpectCancellation();
        AwaitCondition(() => opened.CallEnded.IsCancellationRequested && _shared.Stats.SharedStreams == 0);
    }

    [Fact]
    public void NodeFailure_FailsEveryFollower_AndTheNextFollowerOpensANewCall()
    {
        var first = Run(NodeA, Follow(100));
        var second = Run(NodeA, Follow(100));
        AwaitCondition(() => _shared.Stats.Followers == 2 && !_nodes.Opened.IsEmpty);
        var error = new RpcException(new Status(StatusCode.Unavailable, "gone"));

        _nodes.Single().Stream.SendError(error);

        Assert.Same(error, first.ExpectError());
        Assert.Same(error, second.ExpectError());
        Run(NodeA, Follow(100));
        AwaitCondition(() => _nodes.Opened.Count == 2 && _shared.Stats is { SharedStreams: 1, Followers: 1 });
    }

    [Fact]
    public void NodeCallThatCannotOpen_FailsItsFollower_AndTheNextOneTriesAgain()
    {
        var error = new InvalidOperationException("node-a has no client");
        var calls = 0;
        var failing = new SharedNodeFlows(new ThrowingNodeFlows(() => calls++ == 0 ? error : null, _nodes), _materializer, new SharedFlowSettings(16, 8));

        var first = failing.Open(NodeA, Follow(100), [], CancellationToken.None).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        first.Request(10);
        Assert.Same(error, first.ExpectError());

        var second = failing.Open(NodeA, Follow(100), [], CancellationToken.None).RunWith(this.SinkProbe<RawFlowResponse>(), _materializer);
        second.Request(10);
        AwaitCondition(() => _nodes.Opened.Count == 1);
        _nodes.Single().Stream.SendNext(Flow(150));
        Assert.Equal(150L, second.ExpectNext().TimeNanos);
    }

    /// <summary>Throws what <paramref name="next"/> gives when opening, else opens through <paramref name="inner"/>.</summary>
    private sealed class ThrowingNodeFlows(Func<Exception?> next, INodeFlows inner) : INodeFlows
    {
        public Akka.Streams.Dsl.Source<RawFlowResponse, Akka.NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded) =>
            next() is { } error ? throw error : inner.Open(node, request, headers, callEnded);
    }
}

using Akka;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Hubble.Relay;
using Relay.Streams.Query;
using Relay.Streams.Wire;
using FlowRecord = Hubble.Flow.Flow;

namespace Relay.Streams.Tests.Query;

public sealed class FlowQuerySpec : VirtualTimeStreamSpec
{
    private readonly List<(string Node, Exception Error)> _failures = [];
    private readonly Dictionary<string, List<GetFlowsRequest>> _requests = [];

    private static RawFlowResponse Flow(string node, long time)
    {
        var ts = new Timestamp { Seconds = time / 1_000_000_000, Nanos = (int)(time % 1_000_000_000) };
        var bytes = new GetFlowsResponse { Flow = new FlowRecord { Time = ts, NodeName = node }, NodeName = node, Time = ts }.ToByteArray();
        return RawFlowResponse.Parse(bytes);
    }

    private QueryNode Node(string name, Func<GetFlowsRequest, Source<RawFlowResponse, NotUsed>> open) =>
        new(name, request =>
        {
            if (!_requests.TryGetValue(name, out var list))
            {
                _requests[name] = list = [];
            }

            list.Add(request);
            return open(request);
        });

    private QueryNode FixedNode(string name, params long[] times) =>
        Node(name, _ => Source.From(times.Select(t => Flow(name, t)).ToList()));

    private FlowQuery Query(GetFlowsRequest request, ulong? nodesCapacity = null) => new(
        new FlowQuerySettings(
            request,
            new NodeStatusResponses("relay", TimeProvider.System),
            new SchedulerTimeProvider(Scheduler),
            TimeSpan.FromMilliseconds(100),
            PerNodeBufferMax: 10,
            LastNCap: 1000,
            ErrorWindow: TimeSpan.FromSeconds(10))
        {
            NodesCapacity = nodesCapacity,
        },
        (node, error) => _failures.Add((node, error)));

    private static NodeStatusEvent? Status(RawFlowResponse r) => NodeStatusResponses.TryRead(r);

    private static (string Node, long Time) Key(RawFlowResponse r) => (r.NodeName, r.TimeNanos!.Value);

    [Fact]
    public void History_StatusFirst_ThenFlowsInExactTimeOrder_TiesByNodeName()
    {
        var query = Query(new GetFlowsRequest());
        var sink = query
            .Build([FixedNode("b", 1, 4, 6), FixedNode("a", 2, 4, 5)], ["c"], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        var connected = Status(sink.ExpectNext())!;
        Assert.Equal(NodeState.NodeConnected, connected.StateChange);
        Assert.Equal(["b", "a"], connected.NodeNames);
        var unavailable = Status(sink.ExpectNext())!;
        Assert.Equal(NodeState.NodeUnavailable, unavailable.StateChange);
        Assert.Equal(["c"], unavailable.NodeNames);

        var flows = Enumerable.Range(0, 6).Select(_ => Key(sink.ExpectNext())).ToList();
        Assert.Equal([("b", 1L), ("a", 2L), ("a", 4L), ("b", 4L), ("a", 5L), ("b", 6L)], flows);
        sink.ExpectComplete();
    }

    [Fact]
    public void History_Number_IsTheGloballyMostRecentNInTotal()
    {
        var query = Query(new GetFlowsRequest { Number = 3 });
        var sink = query
            .Build([FixedNode("a", 1, 3, 5), FixedNode("b", 2, 4, 6)], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        Assert.NotNull(Status(sink.ExpectNext()));
        Assert.Equal([4L, 5L, 6L], Enumerable.Range(0, 3).Select(_ => sink.ExpectNext().TimeNanos!.Value).ToList());
        sink.ExpectComplete();
    }

    [Fact]
    public void History_NumberAtLeastTheNodesCapacity_StreamsWithoutWaitingForTheEnd()
    {
        var (a, aSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var (b, bSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var sink = Query(new GetFlowsRequest { Number = 20 }, nodesCapacity: 20)
            .Build([Node("a", _ => aSource), Node("b", _ => bSource)], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        sink.ExpectNext(); // NODE_CONNECTED
        a.SendNext(Flow("a", 1)).SendComplete();
        for (var t = 2; t <= 11; t++)
        {
            b.SendNext(Flow("b", t)); // fills b's merge buffer, so its head is final
        }

        Assert.Equal(1L, sink.ExpectNext().TimeNanos); // released while b is still open: nothing is held back
        b.SendComplete();
        Assert.Equal(Enumerable.Range(2, 10).Select(t => (long?)t), Enumerable.Range(0, 10).Select(_ => sink.ExpectNext().TimeNanos));
        sink.ExpectComplete();
    }

    [Fact]
    public void History_NumberAtTheNodesCapacity_NeverSendsMoreThanNumber_WhenNodesAddFlowsWhileAnswering()
    {
        var query = Query(new GetFlowsRequest { Number = 4 }, nodesCapacity: 4);
        var sink = query
            .Build([FixedNode("a", 1, 3, 5), FixedNode("b", 2, 4, 6)], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        sink.ExpectNext(); // NODE_CONNECTED
        Assert.Equal([1L, 2L, 3L, 4L], Enumerable.Range(0, 4).Select(_ => sink.ExpectNext().TimeNanos!.Value));
        sink.ExpectComplete();
    }

    [Fact]
    public void History_First_IsTheGloballyEarliestN()
    {
        var query = Query(new GetFlowsRequest { Number = 2, First = true });
        var sink = query
            .Build([FixedNode("a", 1, 3, 5), FixedNode("b", 2, 4, 6)], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        Assert.NotNull(Status(sink.ExpectNext()));
        Assert.Equal([1L, 2L], Enumerable.Range(0, 2).Select(_ => sink.ExpectNext().TimeNanos!.Value).ToList());
        sink.ExpectComplete();
    }

    [Fact]
    public void FailingNode_BecomesOneAggregatedNodeError_AndTheOthersStillArrive()
    {
        var query = Query(new GetFlowsRequest());
        var reject = new RpcException(new Status(StatusCode.InvalidArgument, "unsupported filter"));
        var sink = query
            .Build(
                [FixedNode("a", 1, 2), Node("b", _ => Source.Failed<RawFlowResponse>(reject)), Node("c", _ => Source.Failed<RawFlowResponse>(reject))],
                [],
                Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        var received = new List<RawFlowResponse>();
        sink.ExpectNext(); // NODE_CONNECTED
        received.Add(sink.ExpectNext());
        received.Add(sink.ExpectNext());
        received.Add(sink.ExpectNext());
        sink.ExpectComplete();

        var error = received.Select(Status).Single(s => s is not null)!;
        Assert.Equal(NodeState.NodeError, error.StateChange);
        Assert.Equal(["b", "c"], error.NodeNames.Order());
        Assert.Equal("unsupported filter", error.Message);
        Assert.Equal([1L, 2L], received.Where(r => r.Kind == ResponseKind.Flow).Select(r => r.TimeNanos!.Value));
        Assert.Equal(["b", "c"], _failures.Select(f => f.Node).Order());
    }

    [Fact]
    public void UnreachableNode_MidQuery_IsReportedUnavailable()
    {
        var query = Query(new GetFlowsRequest());
        var down = new RpcException(new Status(StatusCode.Unavailable, "connection refused"));
        var sink = query
            .Build([Node("a", _ => Source.Single(Flow("a", 1)).Concat(Source.Failed<RawFlowResponse>(down)))], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        sink.ExpectNext();
        var rest = new[] { sink.ExpectNext(), sink.ExpectNext() };
        var status = rest.Select(Status).Single(s => s is not null)!;
        Assert.Equal(NodeState.NodeUnavailable, status.StateChange);
        Assert.Equal(["a"], status.NodeNames);
    }

    [Fact]
    public void Follow_NodeConnectingLater_JoinsWithNodeConnected_AskingOnlyForLiveFlows()
    {
        var request = new GetFlowsRequest { Follow = true, Number = 5 };
        var query = Query(request);
        var (changes, changeSource) = this.SourceProbe<NodeChange>().PreMaterialize(Materializer);
        var (late, lateSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var sink = query.Build([], [], changeSource).RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(100);
        changes.SendNext(new NodeAvailable(Node("late", _ => lateSource)));
        var joined = Status(sink.ExpectNext())!;
        Assert.Equal(NodeState.NodeConnected, joined.StateChange);
        Assert.Equal(["late"], joined.NodeNames);

        var asked = _requests["late"].Single();
        Assert.True(asked.Follow);
        Assert.Equal(0UL, asked.Number);
        Assert.NotNull(asked.Since);

        late.SendNext(Flow("late", NowNanos() + 1));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("late", sink.ExpectNext().NodeName);
    }

    [Fact]
    public void Follow_ReturningNode_ResumesAtItsLastFlow_WithoutReplay()
    {
        var query = Query(new GetFlowsRequest { Follow = true });
        var (changes, changeSource) = this.SourceProbe<NodeChange>().PreMaterialize(Materializer);
        var (first, firstSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var (second, secondSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var attempts = 0;
        var node = Node("a", _ => ++attempts == 1 ? firstSource : secondSource);
        var sink = query.Build([node], [], changeSource).RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);
        var t = NowNanos();

        sink.Request(100);
        sink.ExpectNext(); // NODE_CONNECTED
        first.SendNext(Flow("a", t + 10));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(t + 10, sink.ExpectNext().TimeNanos);
        first.SendError(new RpcException(new Status(StatusCode.Unavailable, "gone")));
        Assert.Equal(NodeState.NodeUnavailable, Status(sink.ExpectNext())!.StateChange);

        changes.SendNext(new NodeAvailable(node));
        Assert.Equal(NodeState.NodeConnected, Status(sink.ExpectNext())!.StateChange);
        var resumed = _requests["a"][1];
        Assert.Equal(t + 10, (resumed.Since.Seconds * 1_000_000_000L) + resumed.Since.Nanos);

        second.SendNext(Flow("a", t + 10)); // the edge, already delivered
        second.SendNext(Flow("a", t + 20));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(t + 20, sink.ExpectNext().TimeNanos);
        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void FieldMaskWithoutTime_AsksNodesForTimeToo_SoTheMergeCanOrder()
    {
        var request = new GetFlowsRequest { Number = 1, FieldMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "source.pod_name" } } };
        var sink = Query(request)
            .Build([FixedNode("a", 1)], [], Source.Empty<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(10);
        sink.ExpectNext();
        sink.ExpectNext();
        sink.ExpectComplete();

        Assert.Equal(["source.pod_name", "time"], _requests["a"].Single().FieldMask.Paths);
        Assert.Equal(["source.pod_name"], request.FieldMask.Paths);
    }

    [Fact]
    public void Cancel_CancelsEveryNodeStream()
    {
        var query = Query(new GetFlowsRequest { Follow = true });
        var (a, aSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var (b, bSource) = this.SourceProbe<RawFlowResponse>().PreMaterialize(Materializer);
        var sink = query
            .Build([Node("a", _ => aSource), Node("b", _ => bSource)], [], Source.Never<NodeChange>())
            .RunWith(this.SinkProbe<RawFlowResponse>(), Materializer);

        sink.Request(10);
        sink.ExpectNext();
        sink.Cancel();

        a.ExpectCancellation();
        b.ExpectCancellation();
    }
}

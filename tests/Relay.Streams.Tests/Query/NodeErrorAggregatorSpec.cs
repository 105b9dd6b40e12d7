using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Hubble.Relay;
using Relay.Streams.Query;
using Relay.Streams.Wire;

namespace Relay.Streams.Tests.Query;

public sealed class NodeErrorAggregatorSpec : VirtualTimeStreamSpec
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly NodeStatusResponses _responses = new("relay-0", TimeProvider.System);

    private (TestPublisher.Probe<RawFlowResponse> Source, TestSubscriber.Probe<RawFlowResponse> Sink) Run() =>
        this.SourceProbe<RawFlowResponse>()
            .Via(new NodeErrorAggregator(_responses, Window))
            .ToMaterialized(this.SinkProbe<RawFlowResponse>(), Keep.Both)
            .Run(Materializer);

    private RawFlowResponse Error(string node, string message) =>
        _responses.Create(NodeState.NodeError, [node], message);

    private static RawFlowResponse Flow(long time) => new([1, 2, 3], "n", time, ResponseKind.Flow);

    /// <summary>Sends a flow and waits for it: everything sent before it has then been processed.</summary>
    private static void AwaitProcessed(TestPublisher.Probe<RawFlowResponse> source, TestSubscriber.Probe<RawFlowResponse> sink)
    {
        var marker = Flow(1);
        source.SendNext(marker);
        Assert.Same(marker, sink.ExpectNext());
    }

    private static NodeStatusEvent Status(RawFlowResponse response) =>
        NodeStatusResponses.TryRead(response) ?? throw new InvalidOperationException("not a status response");

    [Fact]
    public void IdenticalErrors_FromSeveralNodes_BecomeOneEventNamingEveryNode()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(Error("a", "bad filter")).SendNext(Error("b", "bad filter")).SendNext(Error("c", "bad filter"));
        AwaitProcessed(source, sink);
        Scheduler.Advance(Window);

        var status = Status(sink.ExpectNext());
        Assert.Equal(NodeState.NodeError, status.StateChange);
        Assert.Equal(["a", "b", "c"], status.NodeNames);
        Assert.Equal("bad filter", status.Message);
    }

    [Fact]
    public void DifferentMessages_StaySeparate_InOrderOfFirstArrival()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(Error("a", "one")).SendNext(Error("b", "two")).SendNext(Error("c", "one"));
        source.SendComplete();

        var first = Status(sink.ExpectNext());
        var second = Status(sink.ExpectNext());
        Assert.Equal("one", first.Message);
        Assert.Equal(["a", "c"], first.NodeNames);
        Assert.Equal("two", second.Message);
        Assert.Equal(["b"], second.NodeNames);
        sink.ExpectComplete();
    }

    [Fact]
    public void Flows_PassThrough_WhileErrorsAreHeld()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(Error("a", "boom"));
        var flow = Flow(42);
        source.SendNext(flow);

        Assert.Same(flow, sink.ExpectNext());
    }

    [Fact]
    public void UpstreamCompletion_FlushesHeldErrorsWithoutWaitingForTheWindow()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(Error("a", "boom")).SendComplete();

        Assert.Equal(["a"], Status(sink.ExpectNext()).NodeNames);
        sink.ExpectComplete();
    }

    [Fact]
    public void OtherStatusEvents_AreNotAggregated()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(_responses.Create(NodeState.NodeConnected, ["a"]));

        Assert.Equal(NodeState.NodeConnected, Status(sink.ExpectNext()).StateChange);
    }

    [Fact]
    public void ErrorsAfterAFlush_StartANewWindow()
    {
        var (source, sink) = Run();

        sink.Request(10);
        source.SendNext(Error("a", "boom"));
        AwaitProcessed(source, sink);
        Scheduler.Advance(Window);
        Assert.Equal(["a"], Status(sink.ExpectNext()).NodeNames);

        source.SendNext(Error("b", "boom"));
        AwaitProcessed(source, sink);
        Scheduler.Advance(TimeSpan.FromSeconds(9));
        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["b"], Status(sink.ExpectNext()).NodeNames);
    }
}

using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Relay.Streams.Query;
using Relay.Streams.Wire;

namespace Relay.Streams.Tests.Query;

public sealed class NodeInputStageSpec : VirtualTimeStreamSpec
{
    private static readonly RawFlowResponse Announcement = new([0xA], "relay", null, ResponseKind.NodeStatus);
    private static readonly RawFlowResponse FailureStatus = new([0xF], "relay", null, ResponseKind.NodeStatus);

    private readonly List<Exception> _failures = [];
    private int _ended;

    private static RawFlowResponse Flow(long time, byte id) => new([id], "n", time, ResponseKind.Flow);

    private (TestPublisher.Probe<RawFlowResponse> Node, TestSubscriber.Probe<RawFlowResponse> Merge) Run(
        NodeResumePoint point, bool resumed, RawFlowResponse? announcement = null) =>
        this.SourceProbe<RawFlowResponse>()
            .Via(new NodeInputStage(
                point,
                resumed,
                announcement,
                e =>
                {
                    _failures.Add(e);
                    return FailureStatus;
                },
                () => Interlocked.Increment(ref _ended)))
            .ToMaterialized(this.SinkProbe<RawFlowResponse>(), Keep.Both)
            .Run(Materializer);

    [Fact]
    public void FreshNode_PassesEveryResponse_AndRecordsTheResumePoint()
    {
        var point = new NodeResumePoint();
        var (node, merge) = Run(point, resumed: false);

        merge.Request(3);
        node.SendNext(Flow(1, 1)).SendNext(Flow(2, 2)).SendNext(Flow(2, 3));

        Assert.Equal([1, 2, 3], [merge.ExpectNext().Payload[0], merge.ExpectNext().Payload[0], merge.ExpectNext().Payload[0]]);
        Assert.Equal(2, point.LastTime);
        Assert.True(point.IsAlreadySeen(Flow(2, 3)));
    }

    [Fact]
    public void ResumedNode_DropsWhatItAlreadySaw_AndPassesTheRest()
    {
        var point = new NodeResumePoint();
        point.Observe(Flow(5, 1));
        point.Observe(Flow(5, 2));
        var (node, merge) = Run(point, resumed: true);

        merge.Request(10);
        node.SendNext(Flow(4, 9)).SendNext(Flow(5, 1)).SendNext(Flow(5, 2)).SendNext(Flow(5, 3)).SendNext(Flow(6, 4));

        Assert.Equal(3, merge.ExpectNext().Payload[0]);
        Assert.Equal(4, merge.ExpectNext().Payload[0]);
        Assert.Equal(6, point.LastTime);
    }

    [Fact]
    public void Announcement_ComesFirst_OnlyWhenPulled()
    {
        var (node, merge) = Run(new NodeResumePoint(), resumed: false, Announcement);

        merge.EnsureSubscription();
        merge.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        merge.Request(2);
        Assert.Same(Announcement, merge.ExpectNext());
        node.SendNext(Flow(1, 1));
        Assert.Equal(1, merge.ExpectNext().Payload[0]);
    }

    [Fact]
    public void NodeFailure_BecomesOneStatus_ThenCompletes_AndIsReported()
    {
        var (node, merge) = Run(new NodeResumePoint(), resumed: false);
        var error = new InvalidOperationException("node went away");

        merge.Request(1);
        node.SendNext(Flow(1, 1));
        merge.ExpectNext();
        node.SendError(error);

        merge.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // the status waits for demand, like any response
        merge.Request(1);
        Assert.Same(FailureStatus, merge.ExpectNext());
        merge.ExpectComplete();
        Assert.Same(error, Assert.Single(_failures));
        AwaitCondition(() => Volatile.Read(ref _ended) == 1);
    }

    [Fact]
    public void FailureBeforeTheAnnouncementWasPulled_KeepsBothInOrder()
    {
        var (node, merge) = Run(new NodeResumePoint(), resumed: false, Announcement);

        node.SendError(new InvalidOperationException("refused"));
        merge.Request(5);

        Assert.Same(Announcement, merge.ExpectNext());
        Assert.Same(FailureStatus, merge.ExpectNext());
        merge.ExpectComplete();
    }

    [Fact]
    public void Completion_And_Cancellation_EachEndThePartOnce()
    {
        var (node, merge) = Run(new NodeResumePoint(), resumed: false);
        merge.Request(1);
        node.SendComplete();
        merge.ExpectComplete();
        AwaitCondition(() => Volatile.Read(ref _ended) == 1);

        var (otherNode, otherMerge) = Run(new NodeResumePoint(), resumed: false);
        otherMerge.Cancel();
        otherNode.ExpectCancellation();
        AwaitCondition(() => Volatile.Read(ref _ended) == 2);
        Assert.Empty(_failures);
    }
}

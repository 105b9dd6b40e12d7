using Relay.Streams.Query;
using Relay.Streams.Wire;

namespace Relay.Streams.Tests.Query;

public sealed class NodeResumePointTests
{
    private static RawFlowResponse Flow(long time, byte id) => new([id], "n", time, ResponseKind.Flow);

    [Fact]
    public void NothingObserved_NothingIsSeen()
    {
        var point = new NodeResumePoint();

        Assert.Null(point.LastTime);
        Assert.False(point.IsAlreadySeen(Flow(1, 1)));
    }

    [Fact]
    public void FlowAtTheEdge_SameBytes_IsSeen_OtherBytes_AreNot()
    {
        var point = new NodeResumePoint();
        point.Observe(Flow(5, 1));
        point.Observe(Flow(10, 2));
        point.Observe(Flow(10, 3));

        Assert.Equal(10, point.LastTime);
        Assert.True(point.IsAlreadySeen(Flow(10, 2)));
        Assert.True(point.IsAlreadySeen(Flow(10, 3)));
        Assert.False(point.IsAlreadySeen(Flow(10, 4)));
    }

    [Fact]
    public void OlderFlows_AreSeen_NewerAreNot()
    {
        var point = new NodeResumePoint();
        point.Observe(Flow(10, 1));

        Assert.True(point.IsAlreadySeen(Flow(9, 9)));
        Assert.False(point.IsAlreadySeen(Flow(11, 1)));
    }

    [Fact]
    public void StatusEvents_AreNeitherRecordedNorDropped()
    {
        var point = new NodeResumePoint();
        var status = new RawFlowResponse([7], "relay", null, ResponseKind.NodeStatus);

        point.Observe(status);

        Assert.Null(point.LastTime);
        Assert.False(point.IsAlreadySeen(status));
    }

    [Fact]
    public void ANewerFlow_ForgetsTheFlowsAtThePreviousEdge()
    {
        var point = new NodeResumePoint();
        point.Observe(Flow(10, 1));
        point.Observe(Flow(11, 2));

        Assert.True(point.IsAlreadySeen(Flow(10, 1)));
        Assert.False(point.IsAlreadySeen(Flow(11, 1)));
    }
}

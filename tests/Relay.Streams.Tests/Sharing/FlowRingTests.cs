using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Observer;
using Relay.Streams.Sharing;
using Relay.Streams.Wire;
using FlowRecord = Hubble.Flow.Flow;

namespace Relay.Streams.Tests.Sharing;

public sealed class FlowRingTests
{
    private static RawFlowResponse Flow(long time)
    {
        var ts = new Timestamp { Seconds = 0, Nanos = (int)time };
        return RawFlowResponse.Parse(new GetFlowsResponse { Flow = new FlowRecord { Time = ts }, Time = ts }.ToByteArray());
    }

    private static FlowRing Filled(int bufferMax, int replayMax, params long[] times)
    {
        var ring = new FlowRing(bufferMax, replayMax, coveredFrom: 0);
        foreach (var time in times)
        {
            ring.Append(Flow(time));
        }

        return ring;
    }

    [Fact]
    public void Append_PastTheReplayWindow_RaisesCoverageAboveTheNewestTimeThatLeft()
    {
        var ring = Filled(bufferMax: 8, replayMax: 2, 10, 30, 20, 40);

        Assert.Equal(31, ring.CoveredFrom); // 10 and 30 left the window; 20 is older but still held
        Assert.Equal(2, ring.ReplayFrom(11)); // 20 is the first held flow at or after 11
        Assert.Equal(4, ring.ReplayFrom(41));
    }

    [Fact]
    public void Clear_ReleasesEntriesBelowBothTheOldestUnreadAndTheReplayWindow()
    {
        var ring = Filled(bufferMax: 8, replayMax: 2, 1, 2, 3, 4, 5);

        ring.Clear(oldestUnread: 1);
        Assert.Throws<InvalidOperationException>(() => ring.At(0));
        Assert.Equal(2, ring.At(1).TimeNanos); // a follower still has to read it

        ring.Clear(oldestUnread: 5);
        Assert.Throws<InvalidOperationException>(() => ring.At(2));
        Assert.Equal(4, ring.At(3).TimeNanos); // still in the replay window
    }

    [Fact]
    public void Append_AroundTheRing_KeepsTheNewestEntries()
    {
        var ring = Filled(bufferMax: 2, replayMax: 2, 1, 2, 3, 4, 5, 6, 7);

        Assert.Equal(7, ring.Head);
        Assert.Equal([6L, 7L], new long?[] { ring.At(5).TimeNanos, ring.At(6).TimeNanos });
    }
}

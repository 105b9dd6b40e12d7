using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Relay.Streams.Query;

namespace Relay.Streams.Tests.Query;

public sealed class HistoryCutSpec : VirtualTimeStreamSpec
{
    // Elements are times in ns; negative values stand for untimed status events.
    private static long? TimeOf(long element) => element < 0 ? null : element;

    private (TestPublisher.Probe<long> Source, TestSubscriber.Probe<long> Sink) Run(HistoryCutSettings settings) =>
        this.SourceProbe<long>()
            .Via(new HistoryCut<long>(TimeOf, settings))
            .ToMaterialized(this.SinkProbe<long>(), Keep.Both)
            .Run(Materializer);

    [Fact]
    public void LastN_History_EmitsTheMostRecentNAtCompletion()
    {
        var (source, sink) = Run(new HistoryCutSettings(3, false));

        sink.Request(10);
        foreach (var t in new long[] { 1, 2, 3, 4, 5 })
        {
            source.SendNext(t);
        }

        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        source.SendComplete();
        sink.ExpectNext(3L, 4L, 5L);
        sink.ExpectComplete();
    }

    [Fact]
    public void LastN_FewerThanN_EmitsAll()
    {
        var (source, sink) = Run(new HistoryCutSettings(10, false));

        sink.Request(10);
        source.SendNext(1).SendNext(2).SendComplete();

        sink.ExpectNext(1L, 2L);
        sink.ExpectComplete();
    }

    [Fact]
    public void StatusEvents_PassAtOnce_WhileFlowsAreHeld()
    {
        var (source, sink) = Run(new HistoryCutSettings(2, false));

        sink.Request(10);
        source.SendNext(1).SendNext(-1);

        sink.ExpectNext(-1L);
        source.SendNext(2).SendNext(3).SendComplete();
        sink.ExpectNext(2L, 3L);
        sink.ExpectComplete();
    }

    [Fact]
    public void FirstN_EmitsTheEarliestNThenCompletesAndCancelsUpstream()
    {
        var (source, sink) = Run(new HistoryCutSettings(2, true));

        sink.Request(10);
        source.SendNext(1);
        sink.ExpectNext(1L);
        source.SendNext(2);
        sink.ExpectNext(2L);

        sink.ExpectComplete();
        source.ExpectCancellation();
    }

    [Fact]
    public void NumberZero_PassesEverythingThrough()
    {
        var (source, sink) = Run(new HistoryCutSettings(0, false));

        sink.Request(10);
        source.SendNext(5).SendNext(1);

        sink.ExpectNext(5L, 1L);
    }



    [Fact]
    public void LastN_OutOfOrderArrivals_KeepsTheNewestNByTime_EmittedInTimeOrder()
    {
        var (source, sink) = Run(new HistoryCutSettings(2, false));

        sink.Request(10);
        source.SendNext(5).SendNext(1).SendNext(7).SendNext(6).SendComplete();

        sink.ExpectNext(6L, 7L);
        sink.ExpectComplete();
    }

    [Fact]
    public void LastN_Backpressure_ReleasesHeldElementsOnlyOnDemand()
    {
        var (source, sink) = Run(new HistoryCutSettings(3, false));

        sink.Request(1);
        source.SendNext(1).SendNext(2).SendNext(3).SendComplete();
        sink.ExpectNext(1L);
        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        sink.Request(2);
        sink.ExpectNext(2L, 3L);
        sink.ExpectComplete();
    }

}

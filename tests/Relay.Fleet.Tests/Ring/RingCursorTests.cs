using Relay.Fleet.Ring;

namespace Relay.Fleet.Tests.Ring;

/// <summary>Entries are "0".."9" at times 0, 100, ..., 900 unless a test says otherwise.</summary>
public sealed class RingCursorTests
{
    [Fact]
    public void Number_WithoutFirst_ReturnsTheLastN()
    {
        Assert.Equal(["7", "8", "9"], Read(Ring(), new RingQuery(Number: 3)));
    }

    [Fact]
    public void Number_WithFirst_ReturnsTheFirstN()
    {
        Assert.Equal(["0", "1", "2"], Read(Ring(), new RingQuery(Number: 3, First: true)));
    }

    [Fact]
    public void Number_WithFirstAfterWrapAround_StartsAtTheOldestKeptEntry()
    {
        var ring = EventRingTests.Filled(capacity: 4, count: 10);

        Assert.Equal(["6", "7"], Read(ring, new RingQuery(Number: 2, First: true)));
        Assert.Equal(["8", "9"], Read(ring, new RingQuery(Number: 2)));
    }

    [Fact]
    public void Number_LargerThanTheRing_ReturnsEverything()
    {
        Assert.Equal(10, Read(Ring(), new RingQuery(Number: 50)).Count);
        Assert.Equal(10, Read(Ring(), new RingQuery(Number: 50, First: true)).Count);
    }

    [Fact]
    public void NumberZero_WithoutFollowOrWindow_ReturnsTheWholeRing()
    {
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Read(Ring(), new RingQuery()));
    }

    [Fact]
    public void Since_ReturnsEntriesAtOrAfterIt()
    {
        Assert.Equal(["7", "8", "9"], Read(Ring(), new RingQuery(SinceNanos: 700)));
        Assert.Equal(["8", "9"], Read(Ring(), new RingQuery(SinceNanos: 701)));
    }

    [Fact]
    public void Until_ReturnsEntriesAtOrBeforeIt()
    {
        Assert.Equal(["0", "1", "2"], Read(Ring(), new RingQuery(UntilNanos: 200)));
    }

    [Fact]
    public void SinceAndUntil_ReturnTheWindow()
    {
        Assert.Equal(["3", "4", "5"], Read(Ring(), new RingQuery(SinceNanos: 250, UntilNanos: 500)));
    }

    [Fact]
    public void SinceAfterUntil_ReturnsNothing()
    {
        Assert.Empty(Read(Ring(), new RingQuery(SinceNanos: 600, UntilNanos: 300)));
    }

    [Fact]
    public void SinceWithNumber_ReturnsTheFirstNAfterSince()
    {
        // As on a Hubble node, since takes precedence over number when choosing where to start.
        Assert.Equal(["4", "5"], Read(Ring(), new RingQuery(Number: 2, SinceNanos: 400)));
    }

    [Fact]
    public void SinceBeforeTheOldestEntry_StartsAtTheOldest()
    {
        var ring = EventRingTests.Filled(capacity: 4, count: 10);

        Assert.Equal(["6", "7", "8", "9"], Read(ring, new RingQuery(SinceNanos: 0)));
    }

    [Fact]
    public void Number_WithMatcher_CountsOnlyMatchingEntries()
    {
        var even = Read(Ring(), new RingQuery(Number: 2), item => int.Parse(item, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0);

        Assert.Equal(["6", "8"], even);
    }

    [Fact]
    public void Follow_WithoutNumber_StartsAtTheLiveEdge()
    {
        var ring = Ring();
        var cursor = new RingCursor<string>(ring, new RingQuery(Follow: true));

        Assert.Equal(CursorStep.Wait, cursor.Next());
        ring.Write(1000, "10");
        Assert.Equal(CursorStep.Item, cursor.Next());
        Assert.Equal("10", cursor.Current);
        Assert.Equal(1000, cursor.CurrentNanos);
    }

    [Fact]
    public void Follow_WithNumber_ReplaysTheLastNThenWaits()
    {
        var ring = Ring();
        var cursor = new RingCursor<string>(ring, new RingQuery(Number: 2, Follow: true));

        Assert.Equal(["8", "9"], Drain(cursor));
        Assert.Equal(CursorStep.Wait, cursor.Next());
    }

    [Fact]
    public void Follow_WithUntil_EndsAtTheFirstNewerEntry()
    {
        var ring = Ring();
        var cursor = new RingCursor<string>(ring, new RingQuery(Follow: true, UntilNanos: 1050));

        ring.Write(1000, "10");
        ring.Write(1100, "11");

        Assert.Equal(CursorStep.Item, cursor.Next());
        Assert.Equal(CursorStep.End, cursor.Next());
    }

    [Fact]
    public void Next_WhenTheWriterOverrunsTheReader_ReportsLostEntriesThenContinues()
    {
        var ring = EventRingTests.Filled(capacity: 4, count: 2);
        var cursor = new RingCursor<string>(ring, new RingQuery(First: true));
        Assert.Equal(CursorStep.Item, cursor.Next());

        for (var i = 2; i < 12; i++)
        {
            ring.Write(i * 100, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(CursorStep.Lost, cursor.Next());
        Assert.Equal(7, cursor.LostCount);
        Assert.Equal(["8", "9", "10", "11"], Drain(cursor));
    }

    [Fact]
    public async Task WaitAsync_CompletesOnTheNextWrite()
    {
        var ring = Ring();
        var cursor = new RingCursor<string>(ring, new RingQuery(Follow: true));
        Assert.Equal(CursorStep.Wait, cursor.Next());

        var waiting = cursor.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        ring.Write(1000, "10");

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(CursorStep.Item, cursor.Next());
    }

    private static EventRing<string> Ring() => EventRingTests.Filled(capacity: 16, count: 10);

    private static List<string> Read(EventRing<string> ring, RingQuery query, Func<string, bool>? matches = null) =>
        Drain(new RingCursor<string>(ring, query, matches));

    private static List<string> Drain(RingCursor<string> cursor)
    {
        var items = new List<string>();
        CursorStep step;
        while ((step = cursor.Next()) is CursorStep.Item or CursorStep.Lost)
        {
            if (step == CursorStep.Item)
            {
                items.Add(cursor.Current!);
            }
        }

        return items;
    }
}

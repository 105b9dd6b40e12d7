using Relay.Fleet.Ring;

namespace Relay.Fleet.Tests.Ring;

public sealed class EventRingTests
{
    [Fact]
    public void Write_BeyondCapacity_KeepsTheNewestEntries()
    {
        var ring = Filled(capacity: 4, count: 10);

        Assert.Equal(10, ring.Written);
        Assert.Equal(6, ring.Oldest);
        Assert.Equal(4, ring.Count);
        Assert.Equal(["6", "7", "8", "9"], ReadAll(ring));
    }

    [Fact]
    public void TryRead_OverwrittenSequence_ReportsOverwritten()
    {
        var ring = Filled(capacity: 4, count: 10);

        Assert.Equal(RingRead.Overwritten, ring.TryRead(5, out _, out _));
        Assert.Equal(RingRead.Ok, ring.TryRead(6, out var nanos, out var item));
        Assert.Equal(("6", 600L), (item, nanos));
    }

    [Fact]
    public void TryRead_AtWritePosition_ReportsNotYetWritten()
    {
        var ring = Filled(capacity: 4, count: 3);

        Assert.Equal(RingRead.NotYetWritten, ring.TryRead(3, out _, out _));
        Assert.Equal(RingRead.Ok, ring.TryRead(2, out _, out _));
    }

    [Fact]
    public void Write_ExactlyCapacity_KeepsEveryEntry()
    {
        var ring = Filled(capacity: 4, count: 4);

        Assert.Equal(0, ring.Oldest);
        Assert.Equal(["0", "1", "2", "3"], ReadAll(ring));
    }

    [Fact]
    public void Clear_DropsEntriesButKeepsSequenceNumbers()
    {
        var ring = Filled(capacity: 4, count: 6);

        ring.Clear();
        ring.Write(1000, "new");

        Assert.Equal(1, ring.Count);
        Assert.Equal(6, ring.Oldest);
        Assert.Equal(["new"], ReadAll(ring));
    }

    [Fact]
    public async Task WaitForAsync_CompletesWhenTheEntryIsWritten()
    {
        var ring = Filled(capacity: 4, count: 2);

        var waiting = ring.WaitForAsync(2, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        ring.Write(200, "2");
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(ring.WaitForAsync(2, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task WaitForAsync_Cancelled_Throws()
    {
        var ring = new EventRing<string>(4);
        using var cts = new CancellationTokenSource();

        var waiting = ring.WaitForAsync(0, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task ConcurrentReaders_WhileWriting_NeverSeeTornOrOutOfOrderEntries()
    {
        const int total = 200_000;
        var ring = new EventRing<string>(64);
        var items = Enumerable.Range(0, total).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            long position = 0;
            var last = -1L;
            while (position < total)
            {
                switch (ring.TryRead(position, out var nanos, out var item))
                {
                    case RingRead.NotYetWritten:
                        await ring.WaitForAsync(position, CancellationToken.None);
                        continue;
                    case RingRead.Overwritten:
                        position = Math.Max(ring.Oldest, position + 1);
                        continue;
                }

                // Time, item and sequence must all belong to the same write.
                Assert.Equal(position, nanos);
                Assert.Equal(items[position], item);
                Assert.True(nanos > last);
                last = nanos;
                position++;
            }
        })).ToArray();

        for (var i = 0; i < total; i += 100)
        {
            ring.WriteBatch(Enumerable.Range(i, 100).Select(n => (long)n).ToArray(), items.AsSpan(i, 100));
        }

        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(20));
    }

    internal static EventRing<string> Filled(int capacity, int count)
    {
        var ring = new EventRing<string>(capacity);
        for (var i = 0; i < count; i++)
        {
            ring.Write(i * 100, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return ring;
    }

    private static List<string> ReadAll(EventRing<string> ring)
    {
        var items = new List<string>();
        for (var sequence = ring.Oldest; sequence < ring.Written; sequence++)
        {
            Assert.Equal(RingRead.Ok, ring.TryRead(sequence, out _, out var item));
            items.Add(item!);
        }

        return items;
    }
}

using Relay.Streams.Merging;

namespace Relay.Streams.Tests.Merging;

public sealed class HeadHeapTests
{
    [Fact]
    public void Top_DrainingManyInputs_YieldsTimeThenNameThenArrivalOrder()
    {
        var random = new Random(7);
        var heap = new HeadHeap<string, InputBuffer<string>>();
        var all = new List<(long Time, string Name, long Seq)>();
        long seq = 0;
        for (var i = 0; i < 200; i++)
        {
            var buffer = new InputBuffer<string>($"n{random.Next(0, 50)}");
            for (var j = 0; j < random.Next(1, 8); j++)
            {
                var time = random.Next(0, 20);
                buffer.Add(new HeldElement<string>(time, seq, 0, buffer.Name), capacityMax: 8);
                all.Add((time, buffer.Name, seq++));
            }

            heap.Add(buffer);
        }

        var drained = new List<(long Time, string Name, long Seq)>();
        while (heap.Count > 0)
        {
            var top = heap.Top;
            var head = top.RemoveHead();
            drained.Add((head.Time, top.Name, head.Seq));
            if (top.Count == 0)
            {
                heap.Remove(top);
            }
            else
            {
                heap.Update(top);
            }
        }

        var expected = all.OrderBy(e => e.Time).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Seq);
        Assert.Equal(expected, drained);
    }

    [Fact]
    public void Remove_InputFromMiddle_KeepsOthersOrdered()
    {
        var heap = new HeadHeap<int, InputBuffer<int>>();
        var buffers = Enumerable.Range(0, 10).Select(i => new InputBuffer<int>($"n{i}")).ToArray();
        foreach (var (buffer, i) in buffers.Select((b, i) => (b, i)))
        {
            buffer.Add(new HeldElement<int>(10 - i, i, 0, i), capacityMax: 1);
            heap.Add(buffer);
        }

        heap.Remove(buffers[4]);

        var order = new List<int>();
        while (heap.Count > 0)
        {
            var top = heap.Top;
            order.Add(top.RemoveHead().Element);
            heap.Remove(top);
        }

        Assert.Equal([9, 8, 7, 6, 5, 3, 2, 1, 0], order);
        Assert.Equal(-1, buffers[4].HeapIndex);
    }
}

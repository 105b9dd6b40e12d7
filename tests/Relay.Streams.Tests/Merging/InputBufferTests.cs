using Relay.Streams.Merging;

namespace Relay.Streams.Tests.Merging;

public sealed class InputBufferTests
{
    [Fact]
    public void RemoveHead_RandomAddsAndRemoves_AlwaysYieldsOldestHeld()
    {
        var random = new Random(42);
        var buffer = new InputBuffer<int>("n");
        var reference = new List<(long Time, long Seq)>();
        long seq = 0;

        for (var step = 0; step < 5_000; step++)
        {
            if (buffer.Count < 16 && (buffer.Count == 0 || random.Next(3) > 0))
            {
                var time = random.Next(0, 50);
                buffer.Add(new HeldElement<int>(time, seq, 0, (int)seq), capacityMax: 16);
                reference.Add((time, seq++));
            }
            else
            {
                var expected = reference.Min();
                reference.Remove(expected);
                var head = buffer.RemoveHead();
                Assert.Equal(expected, (head.Time, head.Seq));
            }

            Assert.Equal(reference.Count, buffer.Count);
        }
    }

    [Fact]
    public void Add_NewOldestElement_ReportsNewHead()
    {
        var buffer = new InputBuffer<string>("n");

        Assert.True(buffer.Add(new HeldElement<string>(5, 0, 0, "five"), capacityMax: 4));
        Assert.False(buffer.Add(new HeldElement<string>(7, 1, 0, "seven"), capacityMax: 4));
        Assert.True(buffer.Add(new HeldElement<string>(3, 2, 0, "three"), capacityMax: 4));
        Assert.Equal("three", buffer.Head.Element);
    }

    [Fact]
    public void Add_BeyondCapacityMax_Throws()
    {
        var buffer = new InputBuffer<int>("n");
        for (var i = 0; i < 4; i++)
        {
            buffer.Add(new HeldElement<int>(i, i, 0, i), capacityMax: 4);
        }

        Assert.Throws<InvalidOperationException>(() => buffer.Add(new HeldElement<int>(9, 9, 0, 9), capacityMax: 4));
    }
}

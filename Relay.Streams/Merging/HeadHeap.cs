namespace Relay.Streams.Merging;

/// <summary>
/// An indexed binary min-heap over the inputs that hold at least one timed element, keyed by each input's
/// head (time, input name ordinal, arrival). Its top is the next element the merge may emit. Each input knows
/// its position, so a changed head is re-placed in O(log k).
/// </summary>
internal sealed class HeadHeap<T, TInput>
    where TInput : InputBuffer<T>
{
    private TInput[] _inputs = new TInput[8];

    public int Count { get; private set; }

    /// <summary>The input holding the oldest element; only valid when <see cref="Count"/> &gt; 0.</summary>
    public TInput Top => _inputs[0];

    public void Add(TInput input)
    {
        if (Count == _inputs.Length)
        {
            Array.Resize(ref _inputs, Count * 2);
        }

        _inputs[Count] = input;
        input.HeapIndex = Count;
        Count++;
        SiftUp(input.HeapIndex);
    }

    public void Remove(TInput input)
    {
        var i = input.HeapIndex;
        input.HeapIndex = -1;
        Count--;
        if (i != Count)
        {
            _inputs[i] = _inputs[Count];
            _inputs[i].HeapIndex = i;
            _inputs[Count] = null!;
            Update(_inputs[i]);
        }
        else
        {
            _inputs[Count] = null!;
        }
    }

    /// <summary>Re-places an input whose head changed.</summary>
    public void Update(TInput input)
    {
        var i = input.HeapIndex;
        if (i > 0 && Precedes(input, _inputs[(i - 1) >> 1]))
        {
            SiftUp(i);
        }
        else
        {
            SiftDown(i);
        }
    }

    private static bool Precedes(TInput a, TInput b)
    {
        ref readonly var x = ref a.Head;
        ref readonly var y = ref b.Head;
        if (x.Time != y.Time)
        {
            return x.Time < y.Time;
        }

        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName < 0 : x.Seq < y.Seq;
    }

    private void SiftUp(int i)
    {
        var input = _inputs[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Precedes(input, _inputs[parent]))
            {
                break;
            }

            Place(_inputs[parent], i);
            i = parent;
        }

        Place(input, i);
    }

    private void SiftDown(int i)
    {
        var input = _inputs[i];
        while (true)
        {
            var child = (i << 1) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Precedes(_inputs[child + 1], _inputs[child]))
            {
                child++;
            }

            if (!Precedes(_inputs[child], input))
            {
                break;
            }

            Place(_inputs[child], i);
            i = child;
        }

        Place(input, i);
    }

    private void Place(TInput input, int i)
    {
        _inputs[i] = input;
        input.HeapIndex = i;
    }
}

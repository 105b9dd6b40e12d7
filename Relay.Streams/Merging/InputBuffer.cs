namespace Relay.Streams.Merging;

/// <summary>
/// One input's held timed elements as a binary min-heap by (time, arrival), so that an input's own small
/// disorder is re-sorted within its buffer, plus the bookkeeping the merge keeps per input. The array grows
/// on demand up to the buffer cap, so a thousand quiet inputs cost little.
/// </summary>
internal class InputBuffer<T>(string name)
{
    private const int InitialCapacity = 4;

    private HeldElement<T>[] _items = [];

    /// <summary>The input's name: the tie-breaker after time.</summary>
    public string Name { get; } = name;

    /// <summary>Position in the merge's <see cref="HeadHeap{T, TInput}"/>, or -1 when not in it.</summary>
    public int HeapIndex { get; set; } = -1;

    /// <summary>Timed elements held.</summary>
    public int Count { get; private set; }

    /// <summary>Control elements from this input still waiting in the merge's control queue.</summary>
    public int Controls { get; set; }

    /// <summary>Everything this input has in the merge; compared against the per-input cap.</summary>
    public int Held => Count + Controls;

    /// <summary>True until the input completes, fails, or is replaced.</summary>
    public bool IsLive { get; set; } = true;

    /// <summary>The oldest held element; only valid when <see cref="Count"/> &gt; 0.</summary>
    public ref readonly HeldElement<T> Head => ref _items[0];

    /// <summary>Adds an element; returns true when it became the new head.</summary>
    public bool Add(in HeldElement<T> element, int capacityMax)
    {
        if (Count == _items.Length)
        {
            Grow(capacityMax);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!element.Precedes(_items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = element;
        return i == 0;
    }

    /// <summary>Removes and returns the head.</summary>
    public HeldElement<T> RemoveHead()
    {
        var head = _items[0];
        var last = _items[--Count];
        _items[Count] = default;
        if (Count > 0)
        {
            SiftDown(last);
        }

        return head;
    }

    private void SiftDown(in HeldElement<T> element)
    {
        var i = 0;
        while (true)
        {
            var child = (i << 1) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _items[child + 1].Precedes(_items[child]))
            {
                child++;
            }

            if (!_items[child].Precedes(element))
            {
                break;
            }

            _items[i] = _items[child];
            i = child;
        }

        _items[i] = element;
    }

    private void Grow(int capacityMax)
    {
        var capacity = Math.Max(InitialCapacity, Math.Min(_items.Length * 2, capacityMax));
        if (capacity <= _items.Length)
        {
            // Controls share the cap, so the stage never pulls past it; growing past it means a bookkeeping bug.
            throw new InvalidOperationException($"input '{Name}' holds more than {capacityMax} elements");
        }

        Array.Resize(ref _items, capacity);
    }
}

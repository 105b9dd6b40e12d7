namespace Relay.Fleet.Ring;

/// <summary>
/// A fixed-capacity ring of timestamped events, like a Hubble node's ring buffer: one writer at a time,
/// any number of lock-free readers addressing entries by an ever-growing sequence number, and an
/// awaitable signal for readers that follow the live edge.
/// </summary>
/// <remarks>
/// Entries live in <c>capacity + 1</c> slots: the spare slot is the one a concurrent write may be filling,
/// so a reader can always tell a torn read from a valid one by re-checking the write position afterwards.
/// </remarks>
public sealed class EventRing<T>
    where T : class
{
    private readonly T?[] _items;
    private readonly long[] _times;
    private readonly Lock _writeLock = new();
    private long _written;
    private long _floor;
    private TaskCompletionSource? _signal;

    public EventRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _items = new T?[capacity + 1];
        _times = new long[capacity + 1];
    }

    /// <summary>How many entries the ring keeps.</summary>
    public int Capacity { get; }

    /// <summary>Sequence number the next write gets; also the number of entries ever written.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Sequence number of the oldest entry still readable.</summary>
    public long Oldest => Math.Max(Volatile.Read(ref _floor), Written - Capacity);

    /// <summary>How many entries are readable now.</summary>
    public int Count => (int)(Written - Oldest);

    /// <summary>Appends one entry stamped with <paramref name="unixNanos"/> and wakes followers.</summary>
    public void Write(long unixNanos, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_writeLock)
        {
            Append(unixNanos, item);
        }

        Wake();
    }

    /// <summary>Appends entries in order and wakes followers once.</summary>
    public void WriteBatch(ReadOnlySpan<long> unixNanos, ReadOnlySpan<T> items)
    {
        if (unixNanos.Length != items.Length)
        {
            throw new ArgumentException("times and items differ in length", nameof(unixNanos));
        }

        if (items.IsEmpty)
        {
            return;
        }

        lock (_writeLock)
        {
            for (var i = 0; i < items.Length; i++)
            {
                Append(unixNanos[i], items[i]);
            }
        }

        Wake();
    }

    /// <summary>Drops every entry (a restarted agent starts with an empty ring); sequence numbers keep growing.</summary>
    public void Clear()
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _floor, _written);
        }
    }

    /// <summary>
    /// Reads the entry at <paramref name="sequence"/>. Returns <see cref="RingRead.Ok"/> with the entry,
    /// <see cref="RingRead.Overwritten"/> when the writer has already reused its slot,
    /// or <see cref="RingRead.NotYetWritten"/> when the sequence is at or past the write position.
    /// </summary>
    public RingRead TryRead(long sequence, out long unixNanos, out T? item)
    {
        unixNanos = 0;
        item = null;
        var written = Volatile.Read(ref _written);
        if (sequence >= written)
        {
            return RingRead.NotYetWritten;
        }

        if (sequence < written - Capacity || sequence < Volatile.Read(ref _floor))
        {
            return RingRead.Overwritten;
        }

        var slot = (int)(sequence % _items.Length);
        var candidate = Volatile.Read(ref _items[slot]);
        var time = Volatile.Read(ref _times[slot]);

        // A write into this slot for a later lap starts only once _written has passed sequence + Capacity.
        if (candidate is null || sequence < Volatile.Read(ref _written) - Capacity)
        {
            return RingRead.Overwritten;
        }

        unixNanos = time;
        item = candidate;
        return RingRead.Ok;
    }

    /// <summary>Completes once an entry with a sequence number of at least <paramref name="sequence"/> exists.</summary>
    public Task WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        if (Written > sequence)
        {
            return Task.CompletedTask;
        }

        var signal = Volatile.Read(ref _signal);
        if (signal is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal = Interlocked.CompareExchange(ref _signal, fresh, null) ?? fresh;
        }

        // Re-check after publishing the signal: a write that slipped in between has already swapped it out.
        if (Written > sequence)
        {
            return Task.CompletedTask;
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    private void Append(long unixNanos, T item)
    {
        var sequence = _written;
        var slot = (int)(sequence % _items.Length);
        Volatile.Write(ref _times[slot], unixNanos);
        Volatile.Write(ref _items[slot], item);
        Volatile.Write(ref _written, sequence + 1);
    }

    private void Wake() => Interlocked.Exchange(ref _signal, null)?.TrySetResult();
}

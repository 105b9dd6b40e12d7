using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// The responses of one shared stream, numbered in arrival order, in a ring: what followers have yet to read (at
/// most the buffer each) and the replay window for later joiners. Entries nobody can read any more are cleared so
/// the flows they hold can be collected. The ring starts small and doubles up to one more than the buffer as
/// entries stay unread: most node streams (1,000 of them for one query over 1,000 nodes) never need the full size.
/// <para>
/// One writer (the hub, under its lock) appends; followers read entries below <see cref="Head"/> without the
/// hub's lock. An entry is published by the volatile write of the head after it was stored, and never
/// overwritten or cleared while a follower may read it (followers stay within the buffer, the full ring is one
/// larger). A grown ring is published before the entry that needed it; the ring it replaces is never written
/// again, so a reader still holding it finds every entry it may read there.
/// </para>
/// </summary>
internal sealed class FlowRing
{
    private const int InitialSize = 16;

    private readonly int _size;
    private readonly int _replayMax;
    private RawFlowResponse?[] _entries;
    private long _head;
    private long _replayStart;
    private long _clearedTo;

    /// <param name="bufferMax">The most entries a follower may have unread.</param>
    /// <param name="replayMax">The most entries kept for joiners.</param>
    /// <param name="coveredFrom">The <c>since</c> of the upstream request: nothing older was ever asked for.</param>
    public FlowRing(int bufferMax, int replayMax, long coveredFrom)
    {
        _size = bufferMax + 1;
        _entries = new RawFlowResponse?[Math.Min(InitialSize, _size)];
        _replayMax = replayMax;
        CoveredFrom = coveredFrom;
    }

    /// <summary>The number the next entry will get; entries below it are published.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>
    /// The oldest <c>since</c> a joiner can be served exactly: every response at or after it is in the replay
    /// window or still to come. Raised past the time of each entry that leaves the window.
    /// </summary>
    public long CoveredFrom { get; private set; }

    /// <summary>The ring's current size (for tests).</summary>
    internal int Size => Volatile.Read(ref _entries).Length;

    public RawFlowResponse At(long sequence)
    {
        var entries = Volatile.Read(ref _entries);
        return entries[sequence % entries.Length] ?? throw new InvalidOperationException($"ring entry {sequence} was already cleared");
    }

    /// <summary>Stores the next entry and publishes it; entries beyond the replay window leave it.</summary>
    public void Append(RawFlowResponse response)
    {
        var entries = _entries;
        if (_head - _clearedTo >= entries.Length && entries.Length < _size)
        {
            entries = Grow(entries);
        }

        entries[_head % entries.Length] = response;
        Volatile.Write(ref _head, _head + 1);
        while (_head - _replayStart > _replayMax)
        {
            LeaveWindow();
        }
    }

    /// <summary>
    /// Entries older than <paramref name="before"/> (Unix ns) leave the replay window, and untimed ones among
    /// them: a joiner is only served from the first entry at or after its <c>since</c>.
    /// </summary>
    public void Expire(long before)
    {
        while (_replayStart < _head && (At(_replayStart).TimeNanos is not { } time || time < before))
        {
            LeaveWindow();
        }
    }

    private void LeaveWindow()
    {
        if (At(_replayStart).TimeNanos is { } time && time >= CoveredFrom)
        {
            CoveredFrom = time == long.MaxValue ? time : time + 1;
        }

        _replayStart++;
    }

    /// <summary>Where a joiner asking for responses since <paramref name="since"/> starts reading.</summary>
    public long ReplayFrom(long since)
    {
        for (var sequence = _replayStart; sequence < _head; sequence++)
        {
            if (At(sequence).TimeNanos is { } time && time >= since)
            {
                return sequence;
            }
        }

        return _head;
    }

    /// <summary>Clears entries below <paramref name="oldestUnread"/> that the replay window no longer holds.</summary>
    public void Clear(long oldestUnread)
    {
        var floor = Math.Min(oldestUnread, _replayStart);
        _clearedTo = Math.Max(_clearedTo, _head - _entries.Length);
        for (; _clearedTo < floor; _clearedTo++)
        {
            _entries[_clearedTo % _entries.Length] = null;
        }
    }

    private RawFlowResponse?[] Grow(RawFlowResponse?[] entries)
    {
        var grown = new RawFlowResponse?[Math.Min(_size, entries.Length * 2)];
        for (var sequence = Math.Max(_clearedTo, _head - entries.Length); sequence < _head; sequence++)
        {
            grown[sequence % grown.Length] = entries[sequence % entries.Length];
        }

        Volatile.Write(ref _entries, grown);
        return grown;
    }

    /// <summary>Drops every entry: the hub has closed.</summary>
    public void ClearAll()
    {
        Array.Clear(_entries);
        _clearedTo = _head;
        _replayStart = _head;
    }
}

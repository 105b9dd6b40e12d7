namespace Relay.Fleet.Ring;

/// <summary>
/// Walks an <see cref="EventRing{T}"/> the way a Hubble node answers a request: it rewinds to where the
/// query starts, then returns matching entries in order, reporting lost entries when the writer overruns it.
/// </summary>
/// <remarks>
/// Start position (as Hubble's local observer): <c>first</c> without <c>since</c> starts at the oldest entry;
/// <c>follow</c> with <c>number</c> 0 and no <c>since</c> starts at the live edge; otherwise the cursor scans back
/// from the newest entry until it passes <c>since</c> or has counted <c>number</c> matching entries (the whole
/// ring when neither is set). Without <c>follow</c>, at most <c>number</c> entries are returned (0 = no limit);
/// the first entry newer than <c>until</c> ends the query, also when following.
/// </remarks>
public sealed class RingCursor<T>
    where T : class
{
    private readonly EventRing<T> _ring;
    private readonly RingQuery _query;
    private readonly Func<T, bool>? _matches;
    private long _position;
    private ulong _returned;

    public RingCursor(EventRing<T> ring, RingQuery query, Func<T, bool>? matches = null)
    {
        _ring = ring;
        _query = query;
        _matches = matches;
        _position = FindStart();
    }

    /// <summary>The entry found by the last <see cref="CursorStep.Item"/> step.</summary>
    public T? Current { get; private set; }

    /// <summary>Time of <see cref="Current"/>, Unix nanoseconds.</summary>
    public long CurrentNanos { get; private set; }

    /// <summary>How many entries the last <see cref="CursorStep.Lost"/> step skipped.</summary>
    public long LostCount { get; private set; }

    /// <summary>Sequence number the cursor reads next.</summary>
    public long Position => _position;

    /// <summary>Advances to the next matching entry without blocking.</summary>
    public CursorStep Next()
    {
        while (true)
        {
            if (!_query.Follow && _query.Number > 0 && _returned >= _query.Number)
            {
                return CursorStep.End;
            }

            switch (_ring.TryRead(_position, out var nanos, out var item))
            {
                case RingRead.NotYetWritten:
                    return _query.Follow ? CursorStep.Wait : CursorStep.End;
                case RingRead.Overwritten:
                    var oldest = _ring.Oldest;
                    if (oldest <= _position)
                    {
                        // The slot was being reused while we read it; the next oldest is just ahead.
                        oldest = _position + 1;
                    }

                    LostCount = oldest - _position;
                    _position = oldest;
                    return CursorStep.Lost;
            }

            _position++;
            if (_query.UntilNanos is { } until && nanos > until)
            {
                return CursorStep.End;
            }

            if (_query.SinceNanos is { } since && nanos < since)
            {
                continue;
            }

            if (_matches is not null && !_matches(item!))
            {
                continue;
            }

            _returned++;
            Current = item;
            CurrentNanos = nanos;
            return CursorStep.Item;
        }
    }

    /// <summary>Completes when the entry the cursor reads next has been written.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _ring.WaitForAsync(_position, cancellationToken);

    private long FindStart()
    {
        var written = _ring.Written;
        if (_query.First && _query.SinceNanos is null)
        {
            return _ring.Oldest;
        }

        if (_query.Follow && _query.Number == 0 && _query.SinceNanos is null)
        {
            return written;
        }

        ulong counted = 0;
        var start = written;
        for (var sequence = written - 1; sequence >= 0; sequence--)
        {
            if (_ring.TryRead(sequence, out var nanos, out var item) != RingRead.Ok)
            {
                break;
            }

            if (_matches is not null && !_matches(item!))
            {
                start = sequence;
                continue;
            }

            counted++;
            if (_query.SinceNanos is { } since)
            {
                if (nanos < since)
                {
                    break;
                }
            }
            else if (counted == _query.Number)
            {
                return sequence;
            }

            start = sequence;
        }

        return start;
    }
}

using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// One follower of a <see cref="FlowHub"/>: where it is in the hub's ring, and what it missed when it fell more
/// than its buffer behind. Read it through <see cref="AsSource"/>, once. Thread-safe: the hub's writer and the
/// follower's stage meet under this subscription's own lock, never the hub's.
/// </summary>
public sealed class FlowHubSubscription
{
    private readonly Lock _gate = new();
    private readonly FlowHub _hub;
    private readonly long _since;
    private long _cursor;
    private LostFlows _lost;
    private Action? _wake;
    private bool _waiting;
    private int _left;
    private int _claimed;

    internal FlowHubSubscription(FlowHub hub, long since, long cursor)
    {
        _hub = hub;
        _since = since;
        _cursor = cursor;
    }

    /// <summary>The follower's responses, as a source to materialize once; cancelling it leaves the hub.</summary>
    public Akka.Streams.Dsl.Source<RawFlowResponse, Akka.NotUsed> AsSource() =>
        Akka.Streams.Dsl.Source.FromGraph(new FlowHubSource(this));

    /// <summary>Marks the subscription as read by a stage; a second reader would steal its responses.</summary>
    internal void Claim()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            throw new InvalidOperationException("a hub subscription can be read by one stream only");
        }
    }

    /// <summary>The follower's position in the hub's ring: the next entry it reads.</summary>
    internal long Cursor
    {
        get
        {
            lock (_gate)
            {
                return _cursor;
            }
        }
    }

    /// <summary>Why the hub's upstream failed, once it has.</summary>
    internal Exception? Failure => _hub.Failure;

    /// <summary>
    /// The follower's next response: a <c>lost_events</c> first when it missed flows, then the ring's entries in
    /// order (those older than its <c>since</c> skipped), then the hub's end once it has read everything.
    /// When nothing is there, <paramref name="wake"/> will be called once there is.
    /// </summary>
    internal FlowHubTake TryTake(Action wake, out RawFlowResponse? response)
    {
        lock (_gate)
        {
            _wake = wake;
            if (_lost.Any)
            {
                response = _lost.ToResponse(_hub.Node);
                _lost = default;
                return FlowHubTake.Response;
            }

            // The end is read before the head: everything appended before the end is then below the head read.
            var end = _hub.End;
            var head = _hub.Ring.Head;
            while (_cursor < head)
            {
                var next = _hub.Ring.At(_cursor++);
                if (IsFor(next))
                {
                    response = next;
                    return FlowHubTake.Response;
                }
            }

            response = null;
            if (end != FlowHubTake.Empty)
            {
                return end;
            }

            _waiting = true;
            return FlowHubTake.Empty;
        }
    }

    /// <summary>
    /// The hub appended the entry before <paramref name="head"/>. A follower now more than the buffer behind
    /// drops everything it had not read but that newest entry, and will be told what it missed.
    /// </summary>
    /// <returns>The follower's position (for clearing the ring), the flows it dropped now, and its wake-up if it waits.</returns>
    internal (long Cursor, ulong Dropped, Action? Wake) Appended(long head, int bufferMax)
    {
        lock (_gate)
        {
            ulong dropped = 0;
            if (head - _cursor > bufferMax)
            {
                // Entries older than the follower's since would be skipped anyway: passing them loses nothing.
                while (_cursor < head && !IsFor(_hub.Ring.At(_cursor)))
                {
                    _cursor++;
                }
            }

            if (head - _cursor > bufferMax)
            {
                for (; _cursor < head - 1; _cursor++)
                {
                    var entry = _hub.Ring.At(_cursor);
                    if (IsFor(entry))
                    {
                        dropped += entry.Kind == ResponseKind.Flow ? 1UL : 0UL;
                        _lost.Add(entry);
                    }
                }
            }

            return (_cursor, dropped, TakeWake());
        }
    }

    /// <summary>The hub ended: a waiting follower is woken to read its end.</summary>
    internal Action? Ended()
    {
        lock (_gate)
        {
            return TakeWake();
        }
    }

    /// <summary>Leaves the hub (once); the last follower to leave closes it.</summary>
    internal void Leave()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            _hub.Leave(this);
        }
    }

    /// <summary>False for responses older than the follower's <c>since</c>, which a node asked directly would not send.</summary>
    private bool IsFor(RawFlowResponse response) => response.TimeNanos is not { } time || time >= _since;

    private Action? TakeWake()
    {
        if (!_waiting)
        {
            return null;
        }

        _waiting = false;
        return _wake;
    }
}

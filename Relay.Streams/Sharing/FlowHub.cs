using Relay.Streams.Time;
using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// Fans one node's follow stream out to any number of followers that come and go. The stream never waits for
/// a follower: each may fall <see cref="SharedFlowSettings.FollowerBufferMax"/> responses behind; one more and
/// it drops what it had not read, receives a <c>lost_events</c> response saying what it missed, and continues
/// from the newest response. A follower joining later with a <c>since</c> gets exactly the responses since then
/// (from the replay window, then live), or is told it is <see cref="FlowHubJoin.NotCovered"/>.
/// <para>
/// The hub ends when its upstream does (<see cref="Complete"/> / <see cref="Fail"/>: each follower reads what it
/// has left, then ends the same way) or when its last follower leaves; either way <see cref="Terminated"/>
/// completes, so the owner can cancel the upstream and forget the hub. Thread-safe.
/// </para>
/// </summary>
public sealed class FlowHub
{
    private readonly Lock _gate = new();
    private readonly SharedFlowSettings _settings;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The first follower's since: the upstream asked from the look-back before it.
    private readonly long _lookBackEnd;
    private FlowHubSubscription[] _followers = [];
    private volatile FlowHubTake _end = FlowHubTake.Empty;
    private bool _closed;
    private long _flowsDropped;

    /// <param name="node">The node whose stream this is; names it in the <c>lost_events</c> followers receive.</param>
    /// <param name="since">The <c>since</c> of the upstream request (Unix ns): joiners may ask for nothing older.</param>
    /// <param name="settings">Buffer and replay sizes.</param>
    public FlowHub(string node, long since, SharedFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Node = node;
        _settings = settings;
        Ring = new FlowRing(settings.FollowerBufferMax, settings.ReplayMax, since);
        var lookBack = UnixNanos.Of(settings.LookBack);
        _lookBackEnd = since > long.MaxValue - lookBack ? long.MaxValue : since + lookBack;
    }

    public string Node { get; }

    /// <summary>Completes once the hub takes no more followers: its last follower left, or its upstream ended.</summary>
    public Task Terminated => _terminated.Task;

    /// <summary>Why the upstream failed, once it has.</summary>
    public Exception? Failure { get; private set; }

    public int FollowerCount => Volatile.Read(ref _followers).Length;

    /// <summary>Flows dropped for followers that fell behind, over the hub's life.</summary>
    public long FlowsDropped => Interlocked.Read(ref _flowsDropped);

    internal FlowRing Ring { get; }

    /// <summary><see cref="FlowHubTake.Empty"/> while the upstream runs, then how it ended.</summary>
    internal FlowHubTake End => _end;

    /// <summary>Subscribes a follower that wants every response at or after <paramref name="since"/> (Unix ns).</summary>
    public FlowHubJoin TryJoin(long since, out FlowHubSubscription? subscription) =>
        Join(since, catchUp: false, out subscription, out _);

    /// <summary>
    /// Subscribes a follower that wants every response at or after <paramref name="since"/> (Unix ns) from
    /// <paramref name="from"/> on: <paramref name="since"/> itself when the hub still holds that, else the oldest
    /// time it can give exactly. What came before <paramref name="from"/> the follower reads elsewhere first
    /// (its responses wait in its buffer meanwhile). Never <see cref="FlowHubJoin.NotCovered"/>.
    /// </summary>
    public FlowHubJoin TryJoinFrom(long since, out FlowHubSubscription? subscription, out long from) =>
        Join(since, catchUp: true, out subscription, out from);

    private FlowHubJoin Join(long since, bool catchUp, out FlowHubSubscription? subscription, out long from)
    {
        subscription = null;
        from = since;
        lock (_gate)
        {
            if (_closed || _end != FlowHubTake.Empty)
            {
                return FlowHubJoin.Terminated;
            }

            if (since < Ring.CoveredFrom)
            {
                if (!catchUp)
                {
                    return FlowHubJoin.NotCovered;
                }

                from = Ring.CoveredFrom;
            }

            subscription = new FlowHubSubscription(this, from, Ring.ReplayFrom(from));
            _followers = [.. _followers, subscription];
            return FlowHubJoin.Joined;
        }
    }

    /// <summary>The upstream's next response: appended for every follower, whatever they are doing.</summary>
    public void Offer(RawFlowResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        List<Action>? wakes = null;
        lock (_gate)
        {
            if (_closed || _end != FlowHubTake.Empty)
            {
                return;
            }

            Ring.Append(response);
            if (response.TimeNanos is { } time && _settings.ReplayAgeNanos is { } age)
            {
                Ring.Expire(time - age);
            }

            var head = Ring.Head;
            var oldestUnread = head;
            foreach (var follower in _followers)
            {
                var (cursor, dropped, wake) = follower.Appended(head, _settings.FollowerBufferMax);
                oldestUnread = Math.Min(oldestUnread, cursor);
                _flowsDropped += (long)dropped;
                if (wake is not null)
                {
                    (wakes ??= []).Add(wake);
                }
            }

            Ring.Clear(oldestUnread);
        }

        Wake(wakes);
    }

    /// <summary>
    /// The look-back's responses (older than the first follower's <c>since</c>) older than
    /// <paramref name="before"/> (Unix ns) leave the replay window and, once every follower has read them, the
    /// ring: they served joiners that started just before the first follower, and on a stream gone quiet no newer
    /// response moves them on. What came after the first follower's <c>since</c> stays: a follower whose node
    /// returns after a quiet spell asks from its last flow, however long ago that was.
    /// </summary>
    public void ExpireLookBack(long before)
    {
        lock (_gate)
        {
            if (_closed || _end != FlowHubTake.Empty)
            {
                return;
            }

            Ring.Expire(Math.Min(before, _lookBackEnd));
            var oldestUnread = Ring.Head;
            foreach (var follower in _followers)
            {
                oldestUnread = Math.Min(oldestUnread, follower.Cursor);
            }

            Ring.Clear(oldestUnread);
        }
    }

    /// <summary>The upstream completed: followers read what they have left, then complete.</summary>
    public void Complete() => Finish(FlowHubTake.Completed, null);

    /// <summary>The upstream failed: followers read what they have left, then fail with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Finish(FlowHubTake.Failed, error);
    }

    internal void Leave(FlowHubSubscription follower)
    {
        lock (_gate)
        {
            _followers = Array.FindAll(_followers, f => !ReferenceEquals(f, follower));
            if (_followers.Length > 0 || _closed)
            {
                return;
            }

            _closed = true;
            if (_end == FlowHubTake.Empty)
            {
                Ring.ClearAll();
            }
        }

        _terminated.TrySetResult();
    }

    private void Finish(FlowHubTake end, Exception? error)
    {
        List<Action>? wakes = null;
        lock (_gate)
        {
            if (_closed || _end != FlowHubTake.Empty)
            {
                return;
            }

            Failure = error;
            _end = end;
            foreach (var follower in _followers)
            {
                if (follower.Ended() is { } wake)
                {
                    (wakes ??= []).Add(wake);
                }
            }
        }

        _terminated.TrySetResult();
        Wake(wakes);
    }

    private static void Wake(List<Action>? wakes)
    {
        if (wakes is null)
        {
            return;
        }

        foreach (var wake in wakes)
        {
            wake();
        }
    }
}

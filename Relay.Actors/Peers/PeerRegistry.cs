using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Relay.Actors.Peers;

/// <summary>
/// The shared state behind <see cref="IPeerDirectory"/>: the PeerManager adds and removes nodes, each PeerActor
/// updates its own node. Writers serialize on a short lock and swap immutable snapshots; readers never lock.
/// Change events are queued in lock order and delivered outside the lock, one drainer at a time, so subscribers
/// see them in the order they happened.
/// </summary>
internal sealed class PeerRegistry
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<NodeEntry> _events = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableSortedDictionary<string, Slot> _slots = ImmutableSortedDictionary.Create<string, Slot>(StringComparer.Ordinal);
    private volatile IReadOnlyList<NodeEntry> _snapshot = ImmutableArray<NodeEntry>.Empty;
    private volatile PeerServiceStatus _peerService;
    private volatile ImmutableList<Action<NodeEntry>> _subscribers = ImmutableList<Action<NodeEntry>>.Empty;
    private bool _peerListReceived;
    private int _draining;

    public PeerRegistry(string peerServiceAddress, TimeProvider time, ILogger log)
    {
        _time = time;
        _log = log;
        _peerService = new PeerServiceStatus(peerServiceAddress, PeerServiceState.Connecting, 0, null);
    }

    public IReadOnlyList<NodeEntry> Nodes => _snapshot;

    public PeerServiceStatus PeerService => _peerService;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Adds <paramref name="entry"/> as incarnation <paramref name="incarnation"/> of its node.</summary>
    public void Add(NodeEntry entry, long incarnation)
    {
        lock (_gate)
        {
            _slots = _slots.SetItem(entry.Name, new Slot(entry, incarnation));
            Changed(entry);
        }

        AfterChange();
    }

    /// <summary>Removes the node if it is still incarnation <paramref name="incarnation"/>; publishes it as Gone.</summary>
    public void Remove(string name, long incarnation)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(name, out var slot) || slot.Incarnation != incarnation)
            {
                return;
            }

            _slots = _slots.Remove(name);
            Changed(Gone(slot.Entry));
        }

        AfterChange();
    }

    /// <summary>Removes every node, publishing each as Gone.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var slot in _slots.Values)
            {
                _events.Enqueue(Gone(slot.Entry));
            }

            _slots = _slots.Clear();
            _snapshot = ImmutableArray<NodeEntry>.Empty;
        }

        AfterChange();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the node if it is still incarnation <paramref name="incarnation"/>
    /// (a replaced node's late updates are dropped). A change of state stamps <see cref="NodeEntry.StateSince"/>
    /// (unless <paramref name="keepStateSince"/>: the entry comes with its own, e.g. from the replica that owns the
    /// node) and is published; other changes only refresh the snapshot.
    /// </summary>
    public void Update(string name, long incarnation, Func<NodeEntry, NodeEntry> change, bool keepStateSince = false)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(name, out var slot) || slot.Incarnation != incarnation)
            {
                return;
            }

            var updated = change(slot.Entry);
            var transition = updated.State != slot.Entry.State;
            if (transition && !keepStateSince)
            {
                updated = updated with { StateSince = Now };
            }

            _slots = _slots.SetItem(name, slot with { Entry = updated });
            if (transition)
            {
                Changed(updated);
            }
            else
            {
                Refresh();
            }
        }

        AfterChange();
    }

    public void SetPeerService(Func<PeerServiceStatus, PeerServiceStatus> change)
    {
        lock (_gate)
        {
            _peerService = change(_peerService);
        }
    }

    /// <summary>The first complete peer list is in: initial sync completes once its nodes had a first attempt.</summary>
    public void MarkPeerListReceived()
    {
        lock (_gate)
        {
            _peerListReceived = true;
        }

        AfterChange();
    }

    public IDisposable Subscribe(Action<NodeEntry> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    public async Task<bool> WaitForInitialSyncAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _synced.Task.WaitAsync(timeout, _time, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static NodeEntry Gone(NodeEntry entry) => entry with { State = NodeState.Gone, Client = null };

    private void Changed(NodeEntry entry)
    {
        _events.Enqueue(entry);
        Refresh();
    }

    private void Refresh() => _snapshot = _slots.Values.Select(slot => slot.Entry).ToImmutableArray();

    private void AfterChange()
    {
        if (!_synced.Task.IsCompleted && IsSynced())
        {
            _synced.TrySetResult();
        }

        Drain();
    }

    private bool IsSynced()
    {
        lock (_gate)
        {
            return _peerListReceived && _slots.Values.All(slot => slot.Entry.State != NodeState.Connecting);
        }
    }

    private void Drain()
    {
        // Whoever wins the flag delivers everything queued, including events other writers queued meanwhile;
        // the re-check after releasing it catches an event queued just before the release.
        while (!_events.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                while (_events.TryDequeue(out var entry))
                {
                    Deliver(entry);
                }
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
        }
    }

    private void Deliver(NodeEntry entry)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(entry);
            }
            catch (Exception e)
            {
                PeerLog.SubscriberFailed(_log, entry.Name, e);
            }
        }
    }

    private void Unsubscribe(Action<NodeEntry> onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(onChange);
        }
    }

    private sealed record Slot(NodeEntry Entry, long Incarnation);

    private sealed class Subscription(PeerRegistry registry, Action<NodeEntry> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                registry.Unsubscribe(onChange);
            }
        }
    }
}

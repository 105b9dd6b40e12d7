using Akka.Actor;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// One subscription to the peer service, owned by <see cref="PeerManager"/>: the notifier, the task that pumps its
/// stream into the manager's mailbox (tagged with <see cref="Id"/> so that a stale subscription's messages are
/// told apart), and what the subscription has announced so far.
/// </summary>
internal sealed class PeerSubscription : IDisposable
{
    private readonly IPeerNotifier _notifier;
    private readonly CancellationTokenSource _cancel = new();

    public PeerSubscription(long id, IPeerNotifier notifier, DateTimeOffset openedAt)
    {
        Id = id;
        _notifier = notifier;
        OpenedAt = openedAt;
    }

    public long Id { get; }

    /// <summary>When it was opened, on the scheduler's clock.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Whether any notification arrived (the peer service answered).</summary>
    public bool ReceivedAny { get; set; }

    /// <summary>Whether its initial list is complete.</summary>
    public bool Settled { get; set; }

    /// <summary>The nodes it announced (added or updated, not deleted since).</summary>
    public HashSet<string> Announced { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts pumping notifications to <paramref name="manager"/>; the stream's end follows as <see cref="StreamEnded"/>.</summary>
    public void Start(IActorRef manager)
    {
        var ct = _cancel.Token;
        _ = Task.Run(() => PumpAsync(_notifier, Id, manager, ct), CancellationToken.None);
    }

    /// <summary>Cancels the stream (no <see cref="StreamEnded"/> follows) and closes the notifier.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
        _notifier.Dispose();
    }

    private static async Task PumpAsync(IPeerNotifier notifier, long id, IActorRef manager, CancellationToken ct)
    {
        Exception? error = null;
        try
        {
            await foreach (var change in notifier.NotifyAsync(ct).ConfigureAwait(false))
            {
                manager.Tell(new Notification(id, change));
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        if (!ct.IsCancellationRequested)
        {
            manager.Tell(new StreamEnded(id, error));
        }
    }
}

using Akka.Actor;
using Grpc.Core;
using Hubble.Peer;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// Follows the peer service and turns its notifications into node additions, updates and removals, which a
/// subclass carries out: <see cref="PeerManager"/> dials the nodes itself, the cluster's node assigner hands them to
/// the replicas that own them. A broken subscription is re-opened after <see cref="PeerManagerSettings.BackoffMin"/>
/// doubling to <see cref="PeerManagerSettings.RetryTimeout"/>; known nodes stay meanwhile. The peer service sends
/// its whole list first but never marks its end, so a subscription's list counts as complete once it has been quiet
/// for <see cref="PeerManagerSettings.PeerListSettleTime"/> after a notification; nodes the new list did not
/// re-announce are removed then. An address answering Unimplemented for Notify is used as a single node.
/// </summary>
internal abstract class PeerFollower : ReceiveActor, IWithTimers
{
    private const string SubscribeTimer = "subscribe";
    private const string SettleTimer = "settle";

    private readonly IPeerNotifierFactory _notifiers;
    private readonly ILogger _log;
    private readonly Backoff _backoff;
    private long _lastSubscription;
    private PeerSubscription? _subscription;
    private int _failures;

    protected PeerFollower(PeerManagerSettings settings, IPeerNotifierFactory notifiers, ILogger log)
    {
        Settings = settings;
        _notifiers = notifiers;
        _log = log;
        _backoff = new Backoff(settings.BackoffMin, settings.RetryTimeout, settings.BackoffJitter);

        Receive<Subscribe>(_ => StartSubscription());
        Receive<Notification>(m => m.Subscription == _subscription?.Id, m => Notified(_subscription!, m.Change));
        Receive<StreamEnded>(m => m.Subscription == _subscription?.Id, m => Ended(_subscription!, m.Error));
        Receive<ListSettled>(m => m.Subscription == _subscription?.Id, _ => Settled(_subscription!));

        // Leftovers of an abandoned subscription.
        Receive<Notification>(_ => { });
        Receive<StreamEnded>(_ => { });
        Receive<ListSettled>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected PeerManagerSettings Settings { get; }

    /// <summary>The names of the nodes known now (a copy).</summary>
    protected abstract IReadOnlyCollection<string> KnownNodes { get; }

    /// <summary>Where the subscription stands, as last set through <see cref="SetPeerService"/>.</summary>
    protected abstract PeerServiceStatus PeerService { get; }

    /// <summary>A node was announced: new, or changed when it differs from the known one.</summary>
    protected abstract void Upsert(PeerInfo peer);

    /// <summary>A known node was deleted or not re-announced.</summary>
    protected abstract void Remove(string name);

    protected abstract void SetPeerService(Func<PeerServiceStatus, PeerServiceStatus> change);

    /// <summary>A complete peer list is in (settled, or the single-node fallback).</summary>
    protected abstract void PeerListReceived();

    protected override void PreStart() => StartSubscription();

    protected override void PostStop() => CloseSubscription();

    private void StartSubscription()
    {
        CloseSubscription();
        var id = ++_lastSubscription;
        IPeerNotifier notifier;
        try
        {
            notifier = _notifiers.Create(Settings.PeerServiceAddress, PeerServiceTlsName());
        }
        catch (Exception e)
        {
            Ended(null, e);
            return;
        }

        _subscription = new PeerSubscription(id, notifier, Context.System.Scheduler.Now);
        _subscription.Start(Self);
    }

    private void CloseSubscription()
    {
        Timers.Cancel(SettleTimer);
        _subscription?.Dispose();
        _subscription = null;
    }

    // Upstream dials a local socket without TLS, and a remote peer service as hubble-peer.<cluster>....
    private string? PeerServiceTlsName() =>
        NodeAddress.Parse(Settings.PeerServiceAddress, NodeAddress.PeerServicePort).IsUnixSocket
            ? null
            : PeerServerNames.PeerService(Settings.ClusterName);

    private void Notified(PeerSubscription subscription, ChangeNotification change)
    {
        // The settle timer restarts before the nodes change: whoever observes the change knows it runs.
        if (!subscription.Settled)
        {
            Timers.StartSingleTimer(SettleTimer, new ListSettled(subscription.Id), Settings.PeerListSettleTime);
        }

        if (!subscription.ReceivedAny)
        {
            subscription.ReceivedAny = true;
            PeerLog.PeerServiceConnected(_log, Settings.PeerServiceAddress);
            SetPeerService(s => s with { State = PeerServiceState.Connected, ConsecutiveFailures = 0 });
        }

        var peer = PeerInfo.FromNotification(change);
        if (peer.Name.Length == 0)
        {
            PeerLog.NotificationIgnored(_log, change.Type.ToString(), peer.Name, "no node name");
            return;
        }

        switch (change.Type)
        {
            case ChangeNotificationType.PeerAdded:
            case ChangeNotificationType.PeerUpdated:
                subscription.Announced.Add(peer.Name);
                Upsert(peer);
                break;
            case ChangeNotificationType.PeerDeleted:
                subscription.Announced.Remove(peer.Name);
                Remove(peer.Name);
                break;
            default:
                PeerLog.NotificationIgnored(_log, change.Type.ToString(), peer.Name, "unknown change type");
                break;
        }
    }

    private void Settled(PeerSubscription subscription)
    {
        subscription.Settled = true;
        var stale = KnownNodes.Where(name => !subscription.Announced.Contains(name)).ToList();
        foreach (var name in stale)
        {
            Remove(name);
        }

        PeerLog.PeerListSettled(_log, KnownNodes.Count, stale.Count);
        PeerListReceived();
    }

    // subscription: null when it could not even be created.
    private void Ended(PeerSubscription? subscription, Exception? error)
    {
        CloseSubscription();
        if (error is RpcException { StatusCode: StatusCode.Unimplemented })
        {
            UseSingleNode();
            return;
        }

        // A subscription that worked for a while earns a quick first retry; one failing fast keeps backing off.
        if (subscription is { ReceivedAny: true } && Context.System.Scheduler.Now - subscription.OpenedAt >= Settings.RetryTimeout)
        {
            _failures = 0;
        }

        var delay = _backoff.Delay(_failures);
        _failures++;
        Timers.StartSingleTimer(SubscribeTimer, Subscribe.Instance, delay);
        var message = error is null ? "the notification stream ended" : NodeErrors.Describe(error);
        if (PeerService.State != PeerServiceState.Unavailable)
        {
            PeerLog.PeerServiceUnavailable(_log, Settings.PeerServiceAddress, message, delay);
        }
        else
        {
            PeerLog.PeerServiceStillUnavailable(_log, Settings.PeerServiceAddress, message, delay);
        }

        var failures = _failures;
        SetPeerService(s => s with
        {
            State = PeerServiceState.Unavailable,
            ConsecutiveFailures = failures,
            LastError = message,
        });
    }

    private void UseSingleNode()
    {
        PeerLog.PeerServiceSingleNode(_log, Settings.PeerServiceAddress);
        var address = NodeAddress.Parse(Settings.PeerServiceAddress, NodeAddress.PeerServicePort).ToString();
        foreach (var name in KnownNodes.Where(name => name != address).ToList())
        {
            Remove(name);
        }

        Upsert(new PeerInfo(address, address, null));
        SetPeerService(s => s with { State = PeerServiceState.SingleNode, LastError = null });
        PeerListReceived();
    }
}

using Akka.Actor;
using Grpc.Core;
using Hubble.Peer;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// Follows the peer service and keeps one supervised <see cref="PeerActor"/> per node. A broken subscription is
/// re-opened after <see cref="PeerManagerSettings.BackoffMin"/> doubling to
/// <see cref="PeerManagerSettings.RetryTimeout"/>; known nodes stay meanwhile. The peer service sends its whole
/// list first but never marks its end, so a subscription's list counts as complete once it has been quiet for
/// <see cref="PeerManagerSettings.PeerListSettleTime"/> after a notification; nodes the new list did not
/// re-announce are removed then. An address answering Unimplemented for Notify is used as a single node.
/// </summary>
internal sealed class PeerManager : ReceiveActor, IWithTimers
{
    private const string SubscribeTimer = "subscribe";
    private const string SettleTimer = "settle";

    private readonly PeerManagerSettings _settings;
    private readonly INodeConnector _connector;
    private readonly IPeerNotifierFactory _notifiers;
    private readonly PeerRegistry _registry;
    private readonly ILogger _log;
    private readonly ILogger _peerLog;
    private readonly Backoff _backoff;
    private readonly Dictionary<string, Child> _nodes = new(StringComparer.Ordinal);
    private long _lastIncarnation;
    private long _lastSubscription;
    private PeerSubscription? _subscription;
    private int _failures;

    public PeerManager(
        PeerManagerSettings settings,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        PeerRegistry registry,
        ILoggerFactory loggers)
    {
        _settings = settings;
        _connector = connector;
        _notifiers = notifiers;
        _registry = registry;
        _log = loggers.CreateLogger<PeerManager>();
        _peerLog = loggers.CreateLogger<PeerActor>();
        _backoff = new Backoff(settings.BackoffMin, settings.RetryTimeout, settings.BackoffJitter);

        Receive<Subscribe>(_ => StartSubscription());
        Receive<Notification>(m => m.Subscription == _subscription?.Id, m => Notified(_subscription!, m.Change));
        Receive<StreamEnded>(m => m.Subscription == _subscription?.Id, m => Ended(_subscription!, m.Error));
        Receive<ListSettled>(m => m.Subscription == _subscription?.Id, _ => Settled(_subscription!));
        Receive<ReportFailure>(Forward);

        // Leftovers of an abandoned subscription.
        Receive<Notification>(_ => { });
        Receive<StreamEnded>(_ => { });
        Receive<ListSettled>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        PeerManagerSettings settings,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        PeerRegistry registry,
        ILoggerFactory loggers) =>
        Akka.Actor.Props.Create(() => new PeerManager(settings, connector, notifiers, registry, loggers));

    // A PeerActor crash restarts it, whatever the cause: the node stays and reconnects.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    protected override void PreStart() => StartSubscription();

    protected override void PostStop()
    {
        CloseSubscription();
        _registry.Clear();
    }

    private void StartSubscription()
    {
        CloseSubscription();
        var id = ++_lastSubscription;
        IPeerNotifier notifier;
        try
        {
            notifier = _notifiers.Create(_settings.PeerServiceAddress, PeerServiceTlsName());
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
        NodeAddress.Parse(_settings.PeerServiceAddress, NodeAddress.PeerServicePort).IsUnixSocket
            ? null
            : PeerServerNames.PeerService(_settings.ClusterName);

    private void Notified(PeerSubscription subscription, ChangeNotification change)
    {
        // The settle timer restarts before the registry changes: whoever observes the change knows it runs.
        if (!subscription.Settled)
        {
            Timers.StartSingleTimer(SettleTimer, new ListSettled(subscription.Id), _settings.PeerListSettleTime);
        }

        if (!subscription.ReceivedAny)
        {
            subscription.ReceivedAny = true;
            PeerLog.PeerServiceConnected(_log, _settings.PeerServiceAddress);
            _registry.SetPeerService(s => s with { State = PeerServiceState.Connected, ConsecutiveFailures = 0 });
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
        var stale = _nodes.Keys.Where(name => !subscription.Announced.Contains(name)).ToList();
        foreach (var name in stale)
        {
            Remove(name);
        }

        PeerLog.PeerListSettled(_log, _nodes.Count, stale.Count);
        _registry.MarkPeerListReceived();
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
        if (subscription is { ReceivedAny: true } && Context.System.Scheduler.Now - subscription.OpenedAt >= _settings.RetryTimeout)
        {
            _failures = 0;
        }

        var delay = _backoff.Delay(_failures);
        _failures++;
        Timers.StartSingleTimer(SubscribeTimer, Subscribe.Instance, delay);
        var message = error is null ? "the notification stream ended" : NodeErrors.Describe(error);
        if (_registry.PeerService.State != PeerServiceState.Unavailable)
        {
            PeerLog.PeerServiceUnavailable(_log, _settings.PeerServiceAddress, message, delay);
        }
        else
        {
            PeerLog.PeerServiceStillUnavailable(_log, _settings.PeerServiceAddress, message, delay);
        }

        var failures = _failures;
        _registry.SetPeerService(s => s with
        {
            State = PeerServiceState.Unavailable,
            ConsecutiveFailures = failures,
            LastError = message,
        });
    }

    private void UseSingleNode()
    {
        PeerLog.PeerServiceSingleNode(_log, _settings.PeerServiceAddress);
        var address = NodeAddress.Parse(_settings.PeerServiceAddress, NodeAddress.PeerServicePort).ToString();
        foreach (var name in _nodes.Keys.Where(name => name != address).ToList())
        {
            Remove(name);
        }

        Upsert(new PeerInfo(address, address, null));
        _registry.SetPeerService(s => s with { State = PeerServiceState.SingleNode, LastError = null });
        _registry.MarkPeerListReceived();
    }

    private void Forward(ReportFailure report)
    {
        if (_nodes.TryGetValue(report.Node, out var child))
        {
            child.Actor.Tell(new FailureReported(report.Error));
        }
    }

    private void Upsert(PeerInfo peer)
    {
        if (_nodes.TryGetValue(peer.Name, out var existing))
        {
            if (existing.Info == peer)
            {
                return; // announced again unchanged: keep the connection
            }

            PeerLog.NodeUpdated(_log, peer.Name, peer.Address, peer.TlsServerName);
            Retire(existing);
        }
        else
        {
            PeerLog.NodeAdded(_log, peer.Name, peer.Address);
        }

        var incarnation = ++_lastIncarnation;
        _registry.Add(new NodeEntry(peer.Name, peer.Address, peer.TlsServerName, NodeState.Connecting, _registry.Now), incarnation);
        var actor = Context.ActorOf(
            PeerActor.Props(peer, incarnation, _settings, _connector, _registry, _peerLog),
            "peer-" + incarnation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _nodes[peer.Name] = new Child(peer, incarnation, actor);
    }

    private void Remove(string name)
    {
        if (_nodes.Remove(name, out var child))
        {
            PeerLog.NodeRemoved(_log, name);
            Retire(child);
        }
    }

    // Gone first, so queries stop using the client; the actor then closes the connection as it stops.
    private void Retire(Child child)
    {
        _registry.Remove(child.Info.Name, child.Incarnation);
        Context.Stop(child.Actor);
    }

    private sealed record Child(PeerInfo Info, long Incarnation, IActorRef Actor);
}

using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using static Relay.Actors.Peers.PeerMessages;

namespace Relay.Actors.Peers;

/// <summary>
/// Follows the peer service (see <see cref="PeerFollower"/>) and keeps one supervised <see cref="PeerActor"/> per
/// node, which dials it and writes its state into the registry.
/// </summary>
internal sealed class PeerManager : PeerFollower
{
    private readonly INodeConnector _connector;
    private readonly PeerRegistry _registry;
    private readonly ILogger _log;
    private readonly ILogger _peerLog;
    private readonly Dictionary<string, Child> _nodes = new(StringComparer.Ordinal);
    private long _lastIncarnation;

    public PeerManager(
        PeerManagerSettings settings,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        PeerRegistry registry,
        ILoggerFactory loggers)
        : base(settings, notifiers, loggers.CreateLogger<PeerManager>())
    {
        _connector = connector;
        _registry = registry;
        _log = loggers.CreateLogger<PeerManager>();
        _peerLog = loggers.CreateLogger<PeerActor>();

        Receive<ReportFailure>(Forward);
    }

    protected override IReadOnlyCollection<string> KnownNodes => _nodes.Keys.ToList();

    protected override PeerServiceStatus PeerService => _registry.PeerService;

    public static Props Props(
        PeerManagerSettings settings,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        PeerRegistry registry,
        ILoggerFactory loggers) =>
        Akka.Actor.Props.Create(() => new PeerManager(settings, connector, notifiers, registry, loggers));

    // A PeerActor crash restarts it, whatever the cause: the node stays and reconnects.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    protected override void PostStop()
    {
        base.PostStop();
        _registry.Clear();
    }

    protected override void SetPeerService(Func<PeerServiceStatus, PeerServiceStatus> change) =>
        _registry.SetPeerService(change);

    protected override void PeerListReceived() => _registry.MarkPeerListReceived();

    protected override void Upsert(PeerInfo peer)
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
            PeerActor.Props(peer, incarnation, Settings, _connector, _registry, _peerLog),
            "peer-" + incarnation.ToString(CultureInfo.InvariantCulture));
        _nodes[peer.Name] = new Child(peer, incarnation, actor);
    }

    protected override void Remove(string name)
    {
        if (_nodes.Remove(name, out var child))
        {
            PeerLog.NodeRemoved(_log, name);
            Retire(child);
        }
    }

    private void Forward(ReportFailure report)
    {
        if (_nodes.TryGetValue(report.Node, out var child))
        {
            child.Actor.Tell(new FailureReported(report.Error));
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

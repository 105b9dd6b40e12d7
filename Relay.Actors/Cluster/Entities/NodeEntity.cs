using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Peers;
using static Relay.Actors.Cluster.Board.NodeBoardMessages;
using static Relay.Actors.Cluster.Entities.NodeEntityMessages;
using static Relay.Actors.Peers.PeerMessages;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Cluster.Entities;

/// <summary>
/// The shard entity of one node: wherever sharding places it, that replica owns the node. On <see cref="OwnNode"/>
/// it starts a <see cref="PeerActor"/> that dials the node as a single relay would, and tells its replica's node
/// board every change of the node's entry. It stops on <see cref="ReleaseNode"/>, when its lease runs out (no
/// ownership message for <see cref="ClusterNodeSettings.OwnershipLease"/>), or when its shard moves — then it first
/// re-sends its ownership through the region, which delivers it to the shard's new home. Letting the node go ends
/// every call made through its connection with <c>Unavailable</c> (see <see cref="NodeOwnership"/>), so queries here
/// and those served to other replicas re-attach the node at its new owner. Messages it does not know go to the
/// context's handler with the node's current entry.
/// </summary>
internal sealed class NodeEntity : ReceiveActor, IWithTimers
{
    private const string LeaseTimer = "lease";

    private static long s_lastClaim;

    private readonly string _name;
    private readonly NodeEntityContext _context;
    private readonly ILogger _log;
    private readonly ILogger _peerLog;
    private readonly string _owner;
    private PeerInfo? _peer;
    private NodeEntry? _entry;
    private IActorRef? _peerActor;
    private NodeOwnership? _ownership;
    private long _claim;
    private DateTimeOffset _ownedSince;
    private bool _stopping;

    public NodeEntity(string name, NodeEntityContext context)
    {
        _name = name;
        _context = context;
        _log = context.Loggers.CreateLogger<NodeEntity>();
        _peerLog = context.Loggers.CreateLogger<PeerActor>();
        _owner = AkkaCluster.Get(Context.System).SelfAddress.ToString();

        Receive<OwnNode>(Own);
        Receive<NodeChanged>(m => m.Claim == _claim && !_stopping, Changed);
        Receive<NodeChanged>(_ => { }); // from a replaced peer actor, or one stopping with the entity (its calls just ended)
        Receive<ReportNodeFailure>(Reported);
        Receive<ReleaseNode>(_ => Passivate("the peer service deleted it"));
        Receive<LeaseExpired>(_ => Passivate($"no ownership message for {_context.Cluster.OwnershipLease}"));
        Receive<HandOff>(_ => HandOver());
        Receive<NodeEntityMessages.Stop>(_ => Context.Stop(Self));
        ReceiveAny(Other);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string name, NodeEntityContext context) =>
        Akka.Actor.Props.Create(() => new NodeEntity(name, context));

    // A peer actor crash restarts it, whatever the cause: the node stays owned and reconnects.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    protected override void PostStop() => Release("this replica stopped");

    private void Own(OwnNode own)
    {
        var peer = own.Node?.ToPeerInfo();
        if (peer is null || peer.Name != _name)
        {
            return;
        }

        if (_stopping)
        {
            // The shard holds it until this entity has stopped, then starts a new one with it.
            _context.Region().Tell(own);
            return;
        }

        Timers.StartSingleTimer(LeaseTimer, LeaseExpired.Instance, _context.Cluster.OwnershipLease);
        if (peer == _peer)
        {
            return; // re-asserted unchanged: keep the connection
        }

        if (_peerActor is null)
        {
            ClusterLog.NodeOwned(_log, peer.Name, peer.Address);
            _ownedSince = _context.Time.GetUtcNow();
        }
        else
        {
            ClusterLog.OwnedNodeMoved(_log, peer.Name, peer.Address);
            EndOwnership($"it moved to {peer.Address}");
            Context.Stop(_peerActor);
        }

        _peer = peer;
        _claim = Interlocked.Increment(ref s_lastClaim);
        var entry = new NodeEntry(peer.Name, peer.Address, peer.TlsServerName, NodeState.Connecting, _context.Time.GetUtcNow())
        {
            Owner = _owner,
        };
        _entry = entry;
        _context.Board.Tell(new LocalNodeReport(entry, _ownedSince, _claim));
        var sink = new EntityNodeSink(Self, _claim, entry, _context.Time);
        _ownership = new NodeOwnership(_name, _owner);
        _peerActor = Context.ActorOf(
            PeerActor.Props(peer, _context.Peers, new OwnedNodeConnector(_context.Connector, _ownership), sink, _peerLog),
            "peer-" + _claim.ToString(CultureInfo.InvariantCulture));
    }

    private void Changed(NodeChanged changed)
    {
        _entry = changed.Entry;
        _context.Board.Tell(new LocalNodeReport(changed.Entry, _ownedSince, _claim));
    }

    private void Reported(ReportNodeFailure report)
    {
        if (_peerActor is null)
        {
            Passivate(reason: null); // created by the report alone: nobody owns the node here
            return;
        }

        _peerActor.Tell(new FailureReported(report.Error));
    }

    private void HandOver()
    {
        // The region holds messages for a moving shard and delivers them at its new home: ownership follows
        // (unless the node was being released anyway).
        if (_peer is not null && !_stopping)
        {
            ClusterLog.NodeHandedOver(_log, _name);
            _context.Region().Tell(new OwnNode { Node = _peer.ToWire() });
        }

        // Ended before the connection closes, so that the calls on it end as moved, not as cancelled.
        Release("its shard moved to another replica");
        Context.Stop(Self);
    }

    private void Other(object message)
    {
        if (_entry is null)
        {
            // Created by this message alone: nobody owns the node here. Answer, and do not linger.
            ClusterLog.NodeNotOwnedYet(_log, _name, message.GetType().Name);
            Sender.Tell(new NodeNotOwned { NodeName = _name });
            Passivate(reason: null);
            return;
        }

        bool handled;
        try
        {
            handled = _context.Handler is { } handler && handler(message, _entry, Sender);
        }
        catch (Exception error)
        {
            // A call's failure is the caller's, not the entity's: a restart would drop the node's ownership.
            Sender.Tell(NodeCallFailure.From(_name, error));
            return;
        }

        if (!handled)
        {
            Unhandled(message);
        }
    }

    private void Passivate(string? reason)
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        Timers.CancelAll();
        if (reason is not null && _peer is not null)
        {
            ClusterLog.NodeReleased(_log, _name, reason);
        }

        // Closing the connection now, not when the shard gets round to stopping this entity; meanwhile the node
        // counts as not owned here.
        _entry = null;
        Release(reason ?? "another replica owns it");
        if (_peerActor is not null)
        {
            Context.Stop(_peerActor);
            _peerActor = null;
        }

        Context.Parent.Tell(new Passivate(NodeEntityMessages.Stop.Instance));
    }

    /// <summary>
    /// Ends the ownership here and tells the board at once, not when the entity has stopped: until then the
    /// directory would hand out a client whose calls all fail.
    /// </summary>
    private void Release(string reason)
    {
        EndOwnership(reason);
        if (_claim != 0)
        {
            _context.Board.Tell(new LocalNodeReleased(_name, _claim));
            _claim = 0;
        }
    }

    /// <summary>Ends the calls made through the current connection (local queries' and those served to others).</summary>
    private void EndOwnership(string reason)
    {
        _ownership?.End(reason);
        _ownership = null;
    }
}

using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster.Board;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Peers;
using static Relay.Actors.Cluster.Board.NodeBoardMessages;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Cluster.Assignment;

/// <summary>
/// The relay cluster's peer-service follower, run as a cluster singleton (on the oldest replica). It follows the
/// peer service exactly as a single relay does (<see cref="PeerFollower"/>), but instead of dialling the nodes it
/// sends <see cref="OwnNode"/> / <see cref="ReleaseNode"/> through the node shard region, so each node is dialled
/// by the one replica its shard lives on, and tells every replica's node board the peer list.
/// </summary>
/// <remarks>
/// Ownership is not remembered by sharding, so the follower re-sends it: every
/// <see cref="ClusterNodeSettings.ReassertInterval"/>, and shortly after a replica is removed, which re-creates
/// the removed replica's nodes on the survivors. A follower starting after a hand-over takes the last peer list
/// from its replica's board, so nodes stay owned while the peer service is unreachable, as they stay known to a
/// single relay.
/// </remarks>
internal sealed class NodeAssigner : PeerFollower
{
    /// <summary>The singleton manager's name under <c>/user</c>.</summary>
    public const string ManagerName = "peer-service-follower";

    private const string ReassertTimer = "reassert";
    private const string RemovalTimer = "reassert-after-removal";

    private readonly ClusterNodeSettings _cluster;
    private readonly IActorRef _region;
    private readonly IActorRef _board;
    private readonly ILogger _log;
    private readonly AkkaCluster _membership;
    private readonly Dictionary<string, PeerInfo> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<Address> _members = [];
    private PeerServiceStatus _peerService;
    private bool _listComplete;

    public NodeAssigner(
        PeerManagerSettings settings,
        ClusterNodeSettings cluster,
        IPeerNotifierFactory notifiers,
        IActorRef region,
        IActorRef board,
        ILoggerFactory loggers)
        : base(settings, notifiers, loggers.CreateLogger<NodeAssigner>())
    {
        _cluster = cluster;
        _region = region;
        _board = board;
        _log = loggers.CreateLogger<NodeAssigner>();
        _membership = AkkaCluster.Get(Context.System);
        _peerService = new PeerServiceStatus(settings.PeerServiceAddress, PeerServiceState.Connecting, 0, null);

        Receive<PeerListSeed>(Seed);
        Receive<ReassertNow>(m => Reassert(m.Reason));
        Receive<ClusterEvent.MemberUp>(m => Up(m.Member.Address));
        Receive<ClusterEvent.MemberWeaklyUp>(m => Up(m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => Removed(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    protected override IReadOnlyCollection<string> KnownNodes => _nodes.Keys.ToList();

    protected override PeerServiceStatus PeerService => _peerService;

    public static Props Props(
        PeerManagerSettings settings,
        ClusterNodeSettings cluster,
        IPeerNotifierFactory notifiers,
        IActorRef region,
        IActorRef board,
        ILoggerFactory loggers) =>
        Akka.Actor.Props.Create(() => new NodeAssigner(settings, cluster, notifiers, region, board, loggers));

    protected override void PreStart()
    {
        _board.Tell(PeerListSeedRequest.Instance);
        _membership.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer(ReassertTimer, new ReassertNow("periodic"), _cluster.ReassertInterval);
        base.PreStart();
    }

    protected override void PostStop()
    {
        _membership.Unsubscribe(Self);
        base.PostStop();
    }

    protected override void Upsert(PeerInfo peer)
    {
        if (_nodes.TryGetValue(peer.Name, out var known))
        {
            if (known == peer)
            {
                return;
            }

            PeerLog.NodeUpdated(_log, peer.Name, peer.Address, peer.TlsServerName);
        }
        else
        {
            PeerLog.NodeAdded(_log, peer.Name, peer.Address);
        }

        _nodes[peer.Name] = peer;
        _region.Tell(new OwnNode { Node = peer.ToWire() });
        var update = Update(complete: false);
        update.Upserted.Add(peer.ToWire());
        Broadcast(update);
    }

    protected override void Remove(string name)
    {
        if (!_nodes.Remove(name))
        {
            return;
        }

        PeerLog.NodeRemoved(_log, name);
        _region.Tell(new ReleaseNode { NodeName = name });
        var update = Update(complete: false);
        update.Removed.Add(name);
        Broadcast(update);
    }

    protected override void SetPeerService(Func<PeerServiceStatus, PeerServiceStatus> change)
    {
        _peerService = change(_peerService);
        Broadcast(Update(complete: false));
    }

    protected override void PeerListReceived()
    {
        _listComplete = true;
        Broadcast(WholeList());
    }

    // The last list the cluster knew, for a follower that starts after a hand-over; what the peer service says
    // wins, and nodes it does not re-announce are removed when its list settles.
    private void Seed(PeerListSeed seed)
    {
        var taken = 0;
        foreach (var peer in seed.Peers.Where(p => !_nodes.ContainsKey(p.Name)))
        {
            _nodes[peer.Name] = peer;
            _region.Tell(new OwnNode { Node = peer.ToWire() });
            taken++;
        }

        ClusterLog.FollowerStarted(_log, taken);
    }

    private void Reassert(string reason)
    {
        ClusterLog.OwnershipReasserted(_log, _nodes.Count, reason);
        foreach (var peer in _nodes.Values)
        {
            _region.Tell(new OwnNode { Node = peer.ToWire() });
        }

        Broadcast(WholeList());
    }

    private void Up(Address member)
    {
        if (_members.Add(member))
        {
            Context.ActorSelection(NodeBoard.PathAt(member)).Tell(WholeList());
        }
    }

    private void Removed(Address member)
    {
        _members.Remove(member);
        Timers.StartSingleTimer(RemovalTimer, new ReassertNow($"replica {member} removed"), _cluster.RemovalReassertDelay);
    }

    // Before the first complete list, a partial one: boards then add these nodes without dropping others.
    private PeerListUpdate WholeList()
    {
        var update = Update(_listComplete);
        update.Upserted.AddRange(_nodes.Values.Select(p => p.ToWire()));
        return update;
    }

    private PeerListUpdate Update(bool complete) => new() { Complete = complete, PeerService = _peerService.ToWire() };

    private void Broadcast(PeerListUpdate update)
    {
        foreach (var member in _members)
        {
            Context.ActorSelection(NodeBoard.PathAt(member)).Tell(update);
        }
    }

    private sealed record ReassertNow(string Reason);
}

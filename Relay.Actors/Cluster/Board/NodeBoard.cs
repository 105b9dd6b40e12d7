using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using static Relay.Actors.Cluster.Board.NodeBoardMessages;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Cluster.Board;

/// <summary>
/// One per replica: keeps <see cref="NodeBoardState"/> and mirrors its view of every node into the replica's
/// registry (what <see cref="ClusterPeerDirectory"/> lists). It hears the peer list from the peer-service follower,
/// the states of the nodes this replica owns from their entities, and those of the other replicas from their
/// boards: every change is sent to every other member, the whole set when a member comes up and every
/// <see cref="ClusterNodeSettings.BoardSyncInterval"/>. Membership events make an unreachable or removed owner's
/// nodes Unavailable.
/// </summary>
/// <remarks>
/// Why not DistributedData or DistributedPubSub: each node has exactly one writer (its owner) and its state is only
/// meaningful while that owner is a member, so what matters is membership, not merging concurrent writes. A CRDT
/// would keep a dead owner's entries and merge by clocks; direct messages keep the rule in one place.
/// </remarks>
internal sealed class NodeBoard : ReceiveActor, IWithTimers
{
    /// <summary>The board's name under <c>/user</c>, the same on every replica so that boards find each other.</summary>
    public const string ActorName = "relay-node-board";

    private const string SyncTimer = "sync";

    private readonly PeerRegistry _registry;
    private readonly ClusterNodeSettings _settings;
    private readonly ILogger _log;
    private readonly AkkaCluster _cluster;
    private readonly NodeBoardState _state;
    private readonly HashSet<UniqueAddress> _members = [];
    private readonly RegistryMirror _mirror;

    public NodeBoard(PeerRegistry registry, ClusterNodeSettings settings, Func<string, INodeClient> remoteClients, ILogger log)
    {
        _registry = registry;
        _settings = settings;
        _mirror = new RegistryMirror(registry, remoteClients, log);
        _log = log;
        _cluster = AkkaCluster.Get(Context.System);
        _state = new NodeBoardState(_cluster.SelfUniqueAddress);

        Receive<LocalNodeReport>(Local);
        Receive<LocalNodeReleased>(LocalReleased);
        Receive<OwnerReports>(Remote);
        Receive<PeerListUpdate>(PeerList);
        Receive<PeerListSeedRequest>(_ => Sender.Tell(new PeerListSeed(_state.Peers.ToList())));
        Receive<SyncTick>(_ => Sync());
        Receive<ClusterEvent.MemberUp>(m => Up(m.Member));
        Receive<ClusterEvent.MemberWeaklyUp>(m => Up(m.Member));
        Receive<ClusterEvent.MemberRemoved>(m => Removed(m.Member));
        Receive<ClusterEvent.UnreachableMember>(m => Unreachable(m.Member));
        Receive<ClusterEvent.ReachableMember>(m => Reachable(m.Member));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PeerRegistry registry, ClusterNodeSettings settings, Func<string, INodeClient> remoteClients, ILogger log) =>
        Akka.Actor.Props.Create(() => new NodeBoard(registry, settings, remoteClients, log));

    /// <summary>The board of the replica at <paramref name="address"/>.</summary>
    public static ActorPath PathAt(Address address) => new RootActorPath(address) / "user" / ActorName;

    protected override void PreStart()
    {
        _cluster.Subscribe(
            Self,
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent),
            typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer(SyncTimer, SyncTick.Instance, _settings.BoardSyncInterval);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _registry.Clear();
    }

    private void Local(LocalNodeReport report)
    {
        _state.Report(new OwnerReport(_state.Self, report.Entry, report.OwnedSince, report.Claim));
        Show(report.Entry.Name);
        var message = Reports(complete: false);
        message.Reports.Add(report.Entry.ToReport(report.OwnedSince, report.Claim));
        Broadcast(message);
    }

    private void LocalReleased(LocalNodeReleased released)
    {
        if (!_state.Release(_state.Self, released.Name, released.Claim))
        {
            return;
        }

        Show(released.Name);
        var message = Reports(complete: false);
        message.Releases.Add(new NodeRelease { NodeName = released.Name, Claim = released.Claim });
        Broadcast(message);
    }

    private void Remote(OwnerReports message)
    {
        if (!ActorPath.TryParseAddress(message.OwnerAddress, out var address))
        {
            return; // not from a relay replica
        }

        var owner = new UniqueAddress(address, (int)message.OwnerUid);
        if (owner == _state.Self || _state.IsRemoved(owner))
        {
            return;
        }

        // A report without its node would throw here and restart the board with an empty view: skipped.
        var reports = message.Reports
            .Where(r => r.Node is not null)
            .Select(r => new OwnerReport(owner, r.ToEntry(), OwnershipWire.FromNanos(r.OwnedSinceUnixNanos), r.Claim))
            .ToList();
        if (message.Complete)
        {
            Show(_state.ReplaceAll(owner, reports));
            return;
        }

        foreach (var report in reports)
        {
            _state.Report(report);
            Show(report.Entry.Name);
        }

        foreach (var release in message.Releases)
        {
            if (_state.Release(owner, release.NodeName, release.Claim))
            {
                Show(release.NodeName);
            }
        }
    }

    private void PeerList(PeerListUpdate update)
    {
        if (update.PeerService is { } status)
        {
            _registry.SetPeerService(_ => status.ToStatus());
        }

        var touched = _state.ApplyPeerList(update.Upserted.Select(p => p.ToPeerInfo()), update.Removed, update.Complete);
        Show(touched);
        if (update.Complete)
        {
            _registry.MarkPeerListReceived();
        }
    }

    private void Up(Member member)
    {
        if (member.UniqueAddress == _state.Self || !_members.Add(member.UniqueAddress))
        {
            return;
        }

        ClusterLog.ReplicaJoined(_log, member.Address.ToString());
        SendAll(member.Address);
    }

    private void Removed(Member member)
    {
        _members.Remove(member.UniqueAddress);
        if (member.UniqueAddress == _state.Self)
        {
            return;
        }

        var touched = _state.MarkRemoved(member.UniqueAddress);
        ClusterLog.ReplicaRemoved(_log, member.Address.ToString(), touched.Count);
        Show(touched);
    }

    private void Unreachable(Member member)
    {
        var touched = _state.MarkUnreachable(member.UniqueAddress);
        ClusterLog.ReplicaUnreachable(_log, member.Address.ToString(), touched.Count);
        Show(touched);
    }

    private void Reachable(Member member)
    {
        ClusterLog.ReplicaReachable(_log, member.Address.ToString());
        Show(_state.MarkReachable(member.UniqueAddress));
    }

    private void Sync()
    {
        foreach (var member in _members)
        {
            SendAll(member.Address);
        }
    }

    private void SendAll(Address to)
    {
        var message = Reports(complete: true);
        message.Reports.AddRange(_state.OwnReports.Select(r => r.Entry.ToReport(r.OwnedSince, r.Claim)));
        Context.ActorSelection(PathAt(to)).Tell(message);
    }

    private void Broadcast(OwnerReports message)
    {
        foreach (var member in _members)
        {
            Context.ActorSelection(PathAt(member.Address)).Tell(message);
        }
    }

    private OwnerReports Reports(bool complete) =>
        new() { OwnerAddress = _state.Self.Address.ToString(), OwnerUid = _state.Self.Uid, Complete = complete };

    private void Show(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _mirror.Show(name, _state);
        }
    }

    private void Show(string name) => _mirror.Show(name, _state);
}

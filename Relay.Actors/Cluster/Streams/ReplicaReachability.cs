using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// This replica's view of whether it reaches each other replica, as tokens: <see cref="Lost"/> fires when the
/// replica at an address turns unreachable (the failure detector's verdict, seconds after a crash) or leaves the
/// cluster. A node stream read from an owner ends then, rather than stalling until the owner is downed and removed
/// — several seconds later, which is when the stream itself would notice.
/// </summary>
public sealed class ReplicaReachability : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CancellationTokenSource> _reach = new(StringComparer.Ordinal);
    private IActorRef? _listener;
    private bool _disposed;

    private ReplicaReachability()
    {
    }

    /// <summary>Starts following <paramref name="system"/>'s cluster membership and reachability.</summary>
    public static ReplicaReachability Start(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var reachability = new ReplicaReachability();
        reachability._listener = system.ActorOf(Props.Create(() => new Listener(reachability)), "replica-reachability");
        return reachability;
    }

    /// <summary>
    /// Fires once the replica at <paramref name="replica"/> (a cluster address, as <see cref="Peers.NodeEntry.Owner"/>
    /// names it) is unreachable from here or gone; already fired when it is so now. A replica not heard of yet counts
    /// as reachable.
    /// </summary>
    public CancellationToken Lost(string replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        lock (_gate)
        {
            return _disposed ? new CancellationToken(canceled: true) : SourceOf(replica).Token;
        }
    }

    public void Dispose()
    {
        List<CancellationTokenSource> sources;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            sources = [.. _reach.Values];
            _reach.Clear();
        }

        _listener?.Tell(PoisonPill.Instance);
        foreach (var source in sources)
        {
            source.Cancel();
        }
    }

    private void Unreachable(string replica)
    {
        CancellationTokenSource source;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            source = SourceOf(replica);
        }

        source.Cancel();
    }

    private void Reachable(string replica)
    {
        lock (_gate)
        {
            // A fresh token for what starts from now on; the fired one stays fired for whoever holds it.
            if (!_disposed && _reach.TryGetValue(replica, out var source) && source.IsCancellationRequested)
            {
                _reach[replica] = new CancellationTokenSource();
            }
        }
    }

    private CancellationTokenSource SourceOf(string replica)
    {
        if (!_reach.TryGetValue(replica, out var source))
        {
            source = new CancellationTokenSource();
            _reach[replica] = source;
        }

        return source;
    }

    /// <summary>Turns the cluster's membership and reachability events into the tokens' states.</summary>
    private sealed class Listener : ReceiveActor
    {
        public Listener(ReplicaReachability reachability)
        {
            Receive<ClusterEvent.UnreachableMember>(m => reachability.Unreachable(m.Member.Address.ToString()));
            Receive<ClusterEvent.MemberRemoved>(m => reachability.Unreachable(m.Member.Address.ToString()));
            Receive<ClusterEvent.ReachableMember>(m => reachability.Reachable(m.Member.Address.ToString()));
            // A replica restarted on the same address is a new member: reachable again.
            Receive<ClusterEvent.MemberUp>(m => reachability.Reachable(m.Member.Address.ToString()));
            Receive<ClusterEvent.IMemberEvent>(_ => { });
        }

        protected override void PreStart() => AkkaCluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

        protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);
    }
}

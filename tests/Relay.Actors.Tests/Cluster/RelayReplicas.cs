using Akka.Actor;
using Akka.Cluster;
using Relay.Actors.Cluster;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Relay.Fleet;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// Several relay replicas on loopback forming one cluster — the first joins itself, the others join it — each
/// with a <see cref="ClusterPeerDirectory"/> following the fleet's peer service and dialling the fleet's nodes for
/// real. Remote nodes get a <see cref="StubRemoteClient"/>.
/// </summary>
internal sealed class RelayReplicas : IAsyncDisposable
{
    /// <summary>Test timings: re-assert and sync fast, so that a lost message costs little time.</summary>
    public static readonly ClusterNodeSettings ClusterSettings = new()
    {
        ReassertInterval = TimeSpan.FromSeconds(2),
        OwnershipLease = TimeSpan.FromSeconds(20),
        RemovalReassertDelay = TimeSpan.FromMilliseconds(300),
        BoardSyncInterval = TimeSpan.FromSeconds(5),
    };

    private readonly List<Replica> _replicas = [];

    private RelayReplicas(SimulatedFleet fleet, RecordingLoggerFactory logs)
    {
        Fleet = fleet;
        Logs = logs;
    }

    public SimulatedFleet Fleet { get; }

    public RecordingLoggerFactory Logs { get; }

    public IReadOnlyList<Replica> All => _replicas;

    /// <summary>The replicas not killed.</summary>
    public IReadOnlyList<Replica> Live => _replicas.Where(r => !r.IsTerminated).ToList();

    /// <summary>Starts <paramref name="count"/> replicas forming one cluster.</summary>
    public static async Task<RelayReplicas> StartAsync(SimulatedFleet fleet, int count, NodeMessageHandler? handler = null)
    {
        var replicas = new RelayReplicas(fleet, new RecordingLoggerFactory());
        try
        {
            // One after the other, as replicas of a deployment come up: the first founds the cluster and owns every
            // node at first; the others get their share as shards are rebalanced.
            for (var i = 0; i < count; i++)
            {
                var replica = replicas.Add($"replica-{i}", handler);
                var first = AkkaCluster.Get(replicas._replicas[0].System).SelfAddress;
                await AkkaCluster.Get(replica.System).JoinAsync(first).WaitAsync(Polling.Patience);
            }

            return replicas;
        }
        catch
        {
            await replicas.DisposeAsync();
            throw;
        }
    }

    /// <summary>The replica where the oldest member runs, which hosts the peer-service follower.</summary>
    public Replica Oldest()
    {
        var state = AkkaCluster.Get(Live[0].System).State;
        var oldest = state.Members.Where(m => m.Status == MemberStatus.Up).Aggregate((a, b) => a.IsOlderThan(b) ? a : b);
        return _replicas.Single(r => r.Address == oldest.Address.ToString());
    }

    /// <summary>Crashes a replica: its actor system stops without leaving the cluster.</summary>
    public async Task KillAsync(Replica replica) => await replica.System.Terminate().WaitAsync(Polling.Patience);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.Directory.DisposeAsync();
        }

        await Task.WhenAll(_replicas.Select(r => r.System.Terminate()));
    }

    // The directory starts before the replica joins, as in RelayHost: its board hears every member come up.
    private Replica Add(string name, NodeMessageHandler? handler)
    {
        var system = ActorSystem.Create("hubble-relay", ClusterTestConfig.Load());
        var channels = new NodeChannelFactory(new NodeConnectionSettings { DialTimeout = TimeSpan.FromSeconds(2), RelayVersion = "test" });
        var settings = new PeerManagerSettings
        {
            PeerServiceAddress = Fleet.PeerAddress,
            DialTimeout = TimeSpan.FromSeconds(2),
            RetryTimeout = TimeSpan.FromSeconds(1),
            PeerListSettleTime = TimeSpan.FromMilliseconds(300),
            RelayVersion = "test",
            BackoffJitter = 0,
        };
        var directory = ClusterPeerDirectory.Start(
            system,
            settings,
            ClusterSettings,
            new GrpcNodeConnector(channels),
            new GrpcPeerNotifierFactory(channels),
            node => new StubRemoteClient(node),
            handler,
            Logs,
            TimeProvider.System);
        var replica = new Replica(name, system, directory);
        _replicas.Add(replica);
        return replica;
    }
}

using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster.Assignment;
using Relay.Actors.Cluster.Board;
using Relay.Actors.Cluster.Entities;
using Relay.Actors.Cluster.Ownership;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster;

/// <summary>
/// The peer directory of one replica in a relay cluster (scale-out). It lists every node of the cluster — those
/// this replica dials, with their own client, and those other replicas dial, with a client that reaches them
/// (<c>remoteClients</c>) — each with its <see cref="NodeEntry.Owner"/>. Behind it: a shard entity per node on the
/// owning replica (sharded by node name), one peer-service follower for the whole cluster (a singleton), and this
/// replica's node board that gathers the owners' reports.
/// </summary>
public sealed class ClusterPeerDirectory : IPeerDirectory, IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly PeerRegistry _registry;
    private readonly IActorRef _board;
    private readonly IActorRef _follower;

    private ClusterPeerDirectory(ActorSystem system, PeerRegistry registry, IActorRef board, IActorRef region, IActorRef follower)
    {
        _system = system;
        _registry = registry;
        _board = board;
        Region = region;
        _follower = follower;
        Ask = (message, timeout, ct) => NodeRegion.AskAsync(region, message, timeout, ct);
    }

    /// <inheritdoc />
    public IReadOnlyList<NodeEntry> Nodes => _registry.Nodes;

    /// <inheritdoc />
    public PeerServiceStatus PeerService => _registry.PeerService;

    /// <summary>Asks the replica that owns a node (an Ask through the node shard region).</summary>
    public NodeAsk Ask { get; }

    /// <summary>The node shard region of this replica.</summary>
    public IActorRef Region { get; }

    /// <summary>Starts this replica's part of the relay cluster in <paramref name="system"/>.</summary>
    /// <param name="system">An actor system with the cluster provider; joining the cluster is up to the caller.</param>
    /// <param name="settings">How nodes and the peer service are followed and dialled, as for a single relay.</param>
    /// <param name="cluster">How nodes are shared out.</param>
    /// <param name="connector">Opens connections to the nodes this replica owns.</param>
    /// <param name="notifiers">Opens peer-service subscriptions (used by the replica running the follower).</param>
    /// <param name="remoteClients">The client of a node owned by another replica, by node name; called once per node.</param>
    /// <param name="ownerMessages">Handles messages the node entities do not know; null for none.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="time">Stamps state changes; times the initial sync.</param>
    /// <exception cref="ArgumentException">The settings are not usable; the message lists every problem.</exception>
    public static ClusterPeerDirectory Start(
        ActorSystem system,
        PeerManagerSettings settings,
        ClusterNodeSettings cluster,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        Func<string, INodeClient> remoteClients,
        NodeMessageHandler? ownerMessages,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(notifiers);
        ArgumentNullException.ThrowIfNull(remoteClients);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        var errors = settings.Validate().Concat(cluster.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid relay cluster settings: " + string.Join("; ", errors), nameof(cluster));
        }

        var log = loggers.CreateLogger<ClusterPeerDirectory>();
        var registry = new PeerRegistry(settings.PeerServiceAddress, time, log);
        var board = system.ActorOf(NodeBoard.Props(registry, cluster, remoteClients, loggers.CreateLogger<NodeBoard>()), NodeBoard.ActorName);

        var sharding = ClusterSharding.Get(system);
        var context = new NodeEntityContext(
            settings, cluster, connector, board, () => sharding.ShardRegion(NodeRegion.TypeName), ownerMessages, loggers, time);
        var shardingSettings = ClusterShardingSettings.Create(system).WithRememberEntities(false);
        var region = sharding.Start(
            NodeRegion.TypeName,
            name => NodeEntity.Props(name, context),
            shardingSettings,
            new NodeShardExtractor(cluster.NumberOfShards),
            sharding.DefaultShardAllocationStrategy(shardingSettings),
            NodeEntityMessages.HandOff.Instance);

        var follower = system.ActorOf(
            ClusterSingletonManager.Props(
                NodeAssigner.Props(settings, cluster, notifiers, region, board, loggers),
                PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system)),
            NodeAssigner.ManagerName);
        return new ClusterPeerDirectory(system, registry, board, region, follower);
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<NodeEntry> onChange) => _registry.Subscribe(onChange);

    /// <inheritdoc />
    public void ReportNodeFailure(string node, Exception error)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(error);
        Region.Tell(new ReportNodeFailure { NodeName = node, Error = NodeErrors.Describe(error) });
    }

    /// <inheritdoc />
    public Task<bool> WaitForInitialSyncAsync(TimeSpan timeout, CancellationToken ct = default) =>
        _registry.WaitForInitialSyncAsync(timeout, ct);

    /// <summary>
    /// Stops this replica's follower manager and board (every node is published as Gone). Leaving the cluster, which
    /// hands this replica's nodes to the others, is the actor system's coordinated shutdown.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_system.WhenTerminated.IsCompleted)
        {
            return; // the actors stopped with the system (e.g. after leaving the cluster)
        }

        foreach (var actor in new[] { _follower, _board })
        {
            try
            {
                await actor.GracefulStop(StopTimeout).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                // Stopping continues in the background.
            }
        }
    }
}

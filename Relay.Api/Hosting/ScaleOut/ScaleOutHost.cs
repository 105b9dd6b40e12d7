using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Flows;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut.Kubernetes;
using Relay.Streams.Sharing;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Api.Hosting.ScaleOut;

/// <summary>
/// Starts this replica's part of a relay cluster (<c>--scale-out</c>): the cluster directory first, so that it
/// hears every member come up, then joining — the seed nodes, itself when there are none, or the relay pods the
/// Kubernetes API lists.
/// </summary>
internal static class ScaleOutHost
{
    /// <exception cref="InvalidOperationException">Kubernetes discovery outside a pod with a service-account token.</exception>
    /// <param name="localFlows">How this replica reads the nodes it owns, for its own queries and for the others'.</param>
    /// <param name="sharing">How this replica's follow queries share the streams of nodes other replicas own.</param>
    public static ScaleOutReplica Start(
        ActorSystem system,
        IMaterializer materializer,
        ScaleOutOptions options,
        PeerManagerSettings peers,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        INodeFlows localFlows,
        SharedFlowSettings sharing,
        ILoggerFactory loggers)
    {
        // Checked first: a pod without Kubernetes API access fails to start, saying what is missing.
        var kubernetes = options.Discovery == ScaleOutDiscovery.Kubernetes
            ? new KubernetesPodLister(options.KubernetesApi ?? KubernetesApiAccess.InCluster())
            : null;

        // Nodes owned elsewhere are read through their owner's shard entity, which serves them with a NodeStreamHost
        // over its own (shared) node streams: every node is dialled by its owner only.
        var ask = NodeRegion.AskVia(system);
        var host = new NodeStreamHost(localFlows, materializer, TimeProvider.System, loggers.CreateLogger<NodeStreamHost>());
        Func<string, INodeClient> remoteClients = node => new RemoteNodeClient(node, ask, materializer);
        NodeMessageHandler ownerMessages = (message, node, replyTo) =>
        {
            if (!NodeStreamHost.Handles(message))
            {
                return false;
            }

            host.Handle(message, node, replyTo);
            return true;
        };
        // Follow queries of one shape here share one stream from the owner, as the owner's own queries share the
        // node's stream: however many followers, each node is read once and crosses to each replica once. Without
        // a look-back: the owner joins such a stream to its own only if it still holds the flows since the start
        // asked for, which a start seconds back would miss on a busy node (the owner then opens another node call).
        // A stream from an owner this replica stops reaching ends at once (NODE_UNAVAILABLE), not when the owner is
        // downed and removed seconds later.
        var reachability = ReplicaReachability.Start(system);
        var remoteSharing = sharing with { LookBack = TimeSpan.Zero };
        var remoteFlows = new SharedNodeFlows(
            new RemoteNodeFlows(ask, ownerLost: reachability.Lost), materializer, remoteSharing, loggers.CreateLogger<SharedNodeFlows>());
        var flows = new OwnerRoutedNodeFlows(localFlows, remoteFlows);

        var directory = ClusterPeerDirectory.Start(
            system, peers, new ClusterNodeSettings(), connector, notifiers, remoteClients, ownerMessages, loggers, TimeProvider.System);
        var cluster = AkkaCluster.Get(system);
        var log = loggers.CreateLogger(typeof(ScaleOutHost).FullName!);
        if (kubernetes is not null)
        {
            var settings = new KubernetesJoinSettings(options.KubernetesSelector, options.KubernetesRequiredPods, options.KubernetesLookInterval);
            system.ActorOf(KubernetesJoiner.Props(kubernetes, settings, loggers.CreateLogger<KubernetesJoiner>()), "kubernetes-joiner");
        }
        else if (options.SeedNodes.Count == 0)
        {
            ScaleOutLog.FoundingCluster(log, cluster.SelfAddress.ToString());
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            var seeds = ScaleOutHocon.SeedAddresses(options);
            ScaleOutLog.JoiningCluster(log, cluster.SelfAddress.ToString(), string.Join(", ", seeds));
            cluster.JoinSeedNodes(seeds);
        }

        return new ScaleOutReplica(directory, flows, remoteFlows, host, reachability);
    }
}

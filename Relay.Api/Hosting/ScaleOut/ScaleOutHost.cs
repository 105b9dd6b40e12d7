using Akka.Actor;
using Microsoft.Extensions.Logging;
using Relay.Actors.Cluster;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut.Kubernetes;
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
    public static ClusterPeerDirectory Start(
        ActorSystem system,
        ScaleOutOptions options,
        PeerManagerSettings peers,
        INodeConnector connector,
        IPeerNotifierFactory notifiers,
        ILoggerFactory loggers)
    {
        // Checked first: a pod without Kubernetes API access fails to start, saying what is missing.
        var kubernetes = options.Discovery == ScaleOutDiscovery.Kubernetes
            ? new KubernetesPodLister(options.KubernetesApi ?? KubernetesApiAccess.InCluster())
            : null;

        // ── Cross-replica node streams plug in here (branch cluster-streams): ──────────────────────────────
        //    remoteClients: node => new RemoteNodeClient(NodeRegion.AskVia(system), node)
        //    ownerMessages: a NodeStreamHost's Handles/Handle, run by the entity owning the node
        //    and RelayHost registers RemoteNodeFlows instead of DirectNodeFlows as INodeFlows.
        Func<string, INodeClient> remoteClients = node => new UnwiredRemoteNodeClient(node);
        NodeMessageHandler? ownerMessages = null;
        // ──────────────────────────────────────────────────────────────────────────────────────────────────

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

        return directory;
    }
}

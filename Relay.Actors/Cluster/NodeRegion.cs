using System.Runtime.ExceptionServices;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Relay.Actors.Cluster.Ownership;

namespace Relay.Actors.Cluster;

/// <summary>The shard region of the relay cluster's nodes: one entity per node, on the replica that owns it.</summary>
public static class NodeRegion
{
    /// <summary>The sharded entity type's name, the same on every replica.</summary>
    public const string TypeName = "relay-node";

    /// <summary>
    /// Asks the owner of a node through the region of <paramref name="system"/>. The region is looked up at the
    /// first call, so this may be built before <see cref="ClusterPeerDirectory.Start"/> runs (e.g. for the remote
    /// client factory it takes).
    /// </summary>
    public static NodeAsk AskVia(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        IActorRef? region = null;
        return (message, timeout, ct) =>
        {
            region ??= ClusterSharding.Get(system).ShardRegion(TypeName);
            return AskAsync(region, message, timeout, ct);
        };
    }

    /// <summary>
    /// Asks through <paramref name="region"/>. A node nobody owns throws <see cref="NodeNotOwnedException"/>; an
    /// answer of <see cref="Status.Failure"/> throws its cause when it survived the trip (Akka wraps it in a
    /// TaskCanceledException); no answer in time throws <see cref="AskTimeoutException"/>.
    /// </summary>
    internal static async Task<object> AskAsync(IActorRef region, INodeAddressed message, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var answer = await region.Ask<object>(message, timeout, ct).ConfigureAwait(false);
            return answer is NodeNotOwned notOwned ? throw new NodeNotOwnedException(notOwned.NodeName) : answer;
        }
        catch (TaskCanceledException e) when (e.InnerException is { } cause && !ct.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(cause);
            throw; // not reached
        }
    }
}

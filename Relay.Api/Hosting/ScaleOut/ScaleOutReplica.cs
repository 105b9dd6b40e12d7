using Relay.Actors.Cluster;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Flows;

namespace Relay.Api.Hosting.ScaleOut;

/// <summary>
/// This replica's part of the relay cluster: the cluster-wide directory, how queries here read any node (local or
/// through its owner, whose streams they share), and the host serving this replica's nodes to the others. Disposing
/// stops serving first, so callers elsewhere see UNAVAILABLE rather than a stall, then leaves the directory.
/// </summary>
internal sealed class ScaleOutReplica(
    ClusterPeerDirectory directory, INodeFlows flows, SharedNodeFlows remoteFlows, NodeStreamHost host, ReplicaReachability reachability)
    : IAsyncDisposable
{
    public ClusterPeerDirectory Directory => directory;

    public INodeFlows Flows => flows;

    /// <summary>The streams of nodes owned elsewhere, shared by this replica's follow queries.</summary>
    public SharedNodeFlows RemoteFlows => remoteFlows;

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        await directory.DisposeAsync().ConfigureAwait(false);
        reachability.Dispose();
    }
}

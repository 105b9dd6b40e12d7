using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using Relay.Actors.Flows;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut;
using Relay.Streams.Sharing;

namespace Relay.Api.Hosting;

/// <summary>
/// The nodes a relay serves and how its queries read them: a single relay's <see cref="PeerDirectory"/> with its
/// own (shared) node streams, or with <c>--scale-out</c> this replica's part of the relay cluster, reading nodes
/// owned elsewhere through their owners. <see cref="Lifetime"/> stops it; <see cref="Sharing"/> reads what the
/// follow queries share.
/// </summary>
internal sealed record RelayDirectory(IPeerDirectory Directory, INodeFlows Flows, Func<SharedFlowStats> Sharing, IAsyncDisposable Lifetime)
{
    /// <param name="localFlows">How this replica reads the nodes it dials (shared between follow queries).</param>
    public static RelayDirectory Start(
        ActorSystem system,
        IMaterializer materializer,
        RelayOptions options,
        PeerManagerSettings peers,
        NodeChannelFactory channels,
        SharedNodeFlows localFlows,
        SharedFlowSettings sharing,
        ILoggerFactory loggers)
    {
        var connector = new GrpcNodeConnector(channels);
        var notifiers = new GrpcPeerNotifierFactory(channels);
        if (options.ScaleOut is { } scaleOut)
        {
            var replica = ScaleOutHost.Start(system, materializer, scaleOut, peers, connector, notifiers, localFlows, sharing, loggers);
            return new RelayDirectory(replica.Directory, replica.Flows, () => Sum(localFlows.Stats, replica.RemoteFlows.Stats), replica);
        }

        var single = PeerDirectory.Start(system, peers, connector, notifiers, loggers, TimeProvider.System);
        return new RelayDirectory(single, localFlows, () => localFlows.Stats, single);
    }

    /// <summary>A replica's node streams and those from other owners, shared alike.</summary>
    private static SharedFlowStats Sum(SharedFlowStats local, SharedFlowStats remote) => new(
        local.SharedStreams + remote.SharedStreams,
        local.Followers + remote.Followers,
        local.FlowsDropped + remote.FlowsDropped,
        local.Unshared + remote.Unshared);
}

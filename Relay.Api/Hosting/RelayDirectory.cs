using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using Relay.Actors.Flows;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut;

namespace Relay.Api.Hosting;

/// <summary>
/// The nodes a relay serves and how its queries read them: a single relay's <see cref="PeerDirectory"/> with its
/// own (shared) node streams, or with <c>--scale-out</c> this replica's part of the relay cluster, reading nodes
/// owned elsewhere through their owners. <see cref="Lifetime"/> stops it.
/// </summary>
internal sealed record RelayDirectory(IPeerDirectory Directory, INodeFlows Flows, IAsyncDisposable Lifetime)
{
    /// <param name="localFlows">How this replica reads the nodes it dials (shared between follow queries).</param>
    public static RelayDirectory Start(
        ActorSystem system,
        IMaterializer materializer,
        RelayOptions options,
        PeerManagerSettings peers,
        NodeChannelFactory channels,
        INodeFlows localFlows,
        ILoggerFactory loggers)
    {
        var connector = new GrpcNodeConnector(channels);
        var notifiers = new GrpcPeerNotifierFactory(channels);
        if (options.ScaleOut is { } scaleOut)
        {
            var replica = ScaleOutHost.Start(system, materializer, scaleOut, peers, connector, notifiers, localFlows, loggers);
            return new RelayDirectory(replica.Directory, replica.Flows, replica);
        }

        var single = PeerDirectory.Start(system, peers, connector, notifiers, loggers, TimeProvider.System);
        return new RelayDirectory(single, localFlows, single);
    }
}

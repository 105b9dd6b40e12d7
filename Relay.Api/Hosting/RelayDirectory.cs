using Akka.Actor;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut;

namespace Relay.Api.Hosting;

/// <summary>
/// The peer directory a relay runs: a single relay's <see cref="PeerDirectory"/>, or with <c>--scale-out</c> this
/// replica's part of the relay cluster; <see cref="Lifetime"/> stops it.
/// </summary>
internal sealed record RelayDirectory(IPeerDirectory Directory, IAsyncDisposable Lifetime)
{
    public static RelayDirectory Start(
        ActorSystem system, RelayOptions options, PeerManagerSettings peers, NodeChannelFactory channels, ILoggerFactory loggers)
    {
        var connector = new GrpcNodeConnector(channels);
        var notifiers = new GrpcPeerNotifierFactory(channels);
        if (options.ScaleOut is { } scaleOut)
        {
            var cluster = ScaleOutHost.Start(system, scaleOut, peers, connector, notifiers, loggers);
            return new RelayDirectory(cluster, cluster);
        }

        var single = PeerDirectory.Start(system, peers, connector, notifiers, loggers, TimeProvider.System);
        return new RelayDirectory(single, single);
    }
}

using Grpc.Core;
using Hubble.Peer;
using Microsoft.Extensions.Logging;
using Relay.Fleet.Hosting;

namespace Relay.Fleet.Peers;

/// <summary>
/// <c>peer.Peer/Notify</c> on the fleet's peer port: PEER_ADDED for every current node, then every
/// addition, removal and update until the client cancels.
/// </summary>
internal sealed class FleetPeerService(FleetState state, ILogger<FleetPeerService> logger) : Peer.PeerBase
{
    public override async Task Notify(NotifyRequest request, IServerStreamWriter<ChangeNotification> responseStream, ServerCallContext context)
    {
        if (!state.IsPeerPort(context))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "the peer service is served on the fleet's peer port only"));
        }

        var (current, changes) = state.Peers.Subscribe();
        state.PeerNotifyStarted();
        try
        {
            FleetLog.PeerSubscribed(logger, current.Count);
            foreach (var peer in current)
            {
                await responseStream.WriteAsync(peer, context.CancellationToken);
            }

            await foreach (var change in changes.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(change, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away or the peer service was stopped.
        }
        finally
        {
            state.Peers.Unsubscribe(changes);
            state.PeerNotifyEnded();
        }
    }
}

using Hubble.Peer;

namespace Relay.Actors.Peers;

/// <summary>One subscription to the peer service's change notifications.</summary>
public interface IPeerNotifier : IDisposable
{
    /// <summary>
    /// The notifications of <c>peer.Peer/Notify</c>: the current nodes as PEER_ADDED first, then changes. Ends or
    /// throws when the stream breaks (an <see cref="Grpc.Core.RpcException"/> with <c>Unimplemented</c> when the
    /// address serves no peer service).
    /// </summary>
    IAsyncEnumerable<ChangeNotification> NotifyAsync(CancellationToken ct);
}

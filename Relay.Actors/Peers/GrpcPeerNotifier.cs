using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Peer;

namespace Relay.Actors.Peers;

/// <summary><see cref="IPeerNotifier"/> over a gRPC channel it owns.</summary>
public sealed class GrpcPeerNotifier : IPeerNotifier
{
    private readonly GrpcChannel _channel;
    private readonly Peer.PeerClient _client;

    /// <summary>Creates a notifier that disposes <paramref name="channel"/> when disposed.</summary>
    public GrpcPeerNotifier(GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _client = new Peer.PeerClient(channel);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChangeNotification> NotifyAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _client.Notify(new NotifyRequest(), cancellationToken: ct);
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}

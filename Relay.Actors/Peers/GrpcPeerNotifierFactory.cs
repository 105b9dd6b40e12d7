using Relay.Actors.Nodes;

namespace Relay.Actors.Peers;

/// <summary>Opens peer-service subscriptions over channels built like the node channels.</summary>
public sealed class GrpcPeerNotifierFactory : IPeerNotifierFactory
{
    private readonly NodeChannelFactory _channels;

    /// <summary>Creates a factory building channels with <paramref name="channels"/>.</summary>
    public GrpcPeerNotifierFactory(NodeChannelFactory channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
    }

    /// <inheritdoc />
    public IPeerNotifier Create(string address, string? tlsServerName) =>
        new GrpcPeerNotifier(_channels.Create(address, tlsServerName, NodeAddress.PeerServicePort));
}

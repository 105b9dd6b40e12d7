namespace Relay.Actors.Nodes;

/// <summary><see cref="INodeConnector"/> that gives every node its own gRPC channel.</summary>
public sealed class GrpcNodeConnector : INodeConnector
{
    private readonly NodeChannelFactory _channels;

    /// <summary>Creates a connector building channels with <paramref name="channels"/>.</summary>
    public GrpcNodeConnector(NodeChannelFactory channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
    }

    /// <inheritdoc />
    public INodeConnection Connect(string address, string? tlsServerName) =>
        new GrpcNodeConnection(_channels.Create(address, tlsServerName), _channels.Settings.RelayVersion);
}

namespace Relay.Actors.Peers;

/// <summary>Opens subscriptions to a peer service; the caller disposes each one.</summary>
public interface IPeerNotifierFactory
{
    /// <summary>A notifier for the peer service at <paramref name="address"/>.</summary>
    /// <param name="address">The peer-service address.</param>
    /// <param name="tlsServerName">The name its certificate is verified against; null for a local socket.</param>
    IPeerNotifier Create(string address, string? tlsServerName);
}

using Hubble.Peer;

namespace Relay.Actors.Peers;

/// <summary>A node as the peer service announces it; record equality tells a no-op update from a real one.</summary>
internal sealed record PeerInfo(string Name, string Address, string? TlsServerName)
{
    public static PeerInfo FromNotification(ChangeNotification change) =>
        new(change.Name, change.Address, change.Tls?.ServerName);
}

using System.Net;

namespace Relay.Fleet.Hosting;

/// <summary>
/// A loopback port whose listening socket a <see cref="PortGate"/> can close and reopen. Kestrel hands
/// endpoints of this type to <see cref="GatedListenerFactory"/> only.
/// </summary>
internal sealed class GatedEndPoint(PortGate gate, int port) : EndPoint
{
    public PortGate Gate { get; } = gate;

    /// <summary>The requested port (0 = a free one).</summary>
    public int Port { get; } = port;

    public override string ToString() => FleetNaming.Address(Port);
}

namespace Relay.Actors.Nodes;

/// <summary>Opens connections to nodes. The PeerActor that asked owns the connection and disposes it.</summary>
public interface INodeConnector
{
    /// <summary>
    /// A connection to the node at <paramref name="address"/> (<c>host:port</c>, <c>unix:///path</c>,
    /// <c>dns:///host:port</c>). Does not dial: the first call does. Throws when the address cannot be used.
    /// </summary>
    /// <param name="address">The node's address as the peer service announced it.</param>
    /// <param name="tlsServerName">The name the node's certificate is verified against, or null.</param>
    INodeConnection Connect(string address, string? tlsServerName);
}

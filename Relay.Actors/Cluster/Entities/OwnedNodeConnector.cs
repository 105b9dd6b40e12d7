using Relay.Actors.Nodes;

namespace Relay.Actors.Cluster.Entities;

/// <summary>
/// Opens an entity's connections to its node through the replica's connector, each handing out an
/// <see cref="OwnedNodeClient"/> bound to the entity's current <see cref="NodeOwnership"/>.
/// </summary>
internal sealed class OwnedNodeConnector(INodeConnector inner, NodeOwnership ownership) : INodeConnector
{
    public INodeConnection Connect(string address, string? tlsServerName) =>
        new Connection(inner.Connect(address, tlsServerName), ownership);

    private sealed class Connection(INodeConnection inner, NodeOwnership ownership) : INodeConnection
    {
        public INodeClient Client { get; } = new OwnedNodeClient(inner.Client, ownership);

        public void Dispose() => inner.Dispose();
    }
}

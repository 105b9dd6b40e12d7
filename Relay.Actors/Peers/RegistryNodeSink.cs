namespace Relay.Actors.Peers;

/// <summary>Writes one incarnation of a node into the local <see cref="PeerRegistry"/>.</summary>
internal sealed class RegistryNodeSink(PeerRegistry registry, string name, long incarnation) : INodeStateSink
{
    public void Update(Func<NodeEntry, NodeEntry> change) => registry.Update(name, incarnation, change);
}

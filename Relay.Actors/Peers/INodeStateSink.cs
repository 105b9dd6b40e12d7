namespace Relay.Actors.Peers;

/// <summary>
/// Where a <see cref="PeerActor"/> writes its node's state: the local registry (one relay) or the shard entity
/// that publishes it to the whole relay cluster (scale-out).
/// </summary>
internal interface INodeStateSink
{
    /// <summary>Applies <paramref name="change"/> to the node's entry; a change of state is published.</summary>
    void Update(Func<NodeEntry, NodeEntry> change);
}

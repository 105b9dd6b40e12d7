namespace Relay.Actors.Cluster;

/// <summary>
/// A message for whoever owns a node in the relay cluster: the sharding message extractor routes it to the node's
/// entity by <see cref="NodeName"/>, wherever that entity lives.
/// </summary>
public interface INodeAddressed
{
    /// <summary>The node's name as the peer service announced it; also its shard entity id.</summary>
    string NodeName { get; }
}

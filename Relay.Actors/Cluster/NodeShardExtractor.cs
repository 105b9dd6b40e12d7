using Akka.Cluster.Sharding;

namespace Relay.Actors.Cluster;

/// <summary>
/// Routes every <see cref="INodeAddressed"/> message to the entity named after its node; the shard is a stable hash
/// of that name, so every replica agrees on it.
/// </summary>
internal sealed class NodeShardExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    public override string? EntityId(object message) =>
        message is INodeAddressed { NodeName.Length: > 0 } addressed ? addressed.NodeName : null;
}

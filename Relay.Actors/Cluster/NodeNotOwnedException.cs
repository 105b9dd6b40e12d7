namespace Relay.Actors.Cluster;

/// <summary>
/// The answer of a node's shard entity that does not own the node (yet): the node is not in the peer list, or its
/// ownership is moving. Retrying later reaches the new owner.
/// </summary>
public sealed class NodeNotOwnedException : Exception
{
    public NodeNotOwnedException()
        : base("the node is not owned by any relay replica right now")
    {
    }

    public NodeNotOwnedException(string node)
        : base($"node {node} is not owned by any relay replica right now")
    {
    }

    public NodeNotOwnedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

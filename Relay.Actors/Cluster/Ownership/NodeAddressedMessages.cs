namespace Relay.Actors.Cluster.Ownership;

// The messages routed to a node's shard entity by node name.

/// <summary>Dial this node (sent by the peer-service follower); routed by the node's name.</summary>
public sealed partial class OwnNode : INodeAddressed
{
    /// <inheritdoc />
    public string NodeName => Node?.Name ?? string.Empty;
}

/// <summary>Stop dialling this node; routed by <see cref="NodeName"/>.</summary>
public sealed partial class ReleaseNode : INodeAddressed;

/// <summary>A query saw the node fail; routed by <see cref="NodeName"/>.</summary>
public sealed partial class ReportNodeFailure : INodeAddressed;

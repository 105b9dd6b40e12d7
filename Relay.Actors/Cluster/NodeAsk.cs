namespace Relay.Actors.Cluster;

/// <summary>
/// Sends a message to the replica that owns <see cref="INodeAddressed.NodeName"/> and awaits its answer (in cluster
/// mode: an Ask through the node shard region).
/// </summary>
public delegate Task<object> NodeAsk(INodeAddressed message, TimeSpan timeout, CancellationToken ct);

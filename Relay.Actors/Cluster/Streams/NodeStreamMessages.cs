namespace Relay.Actors.Cluster.Streams;

// The generated requests for a node's owner (see Cluster/Protos/node_streams.proto): each names its node, so the
// sharding extractor routes it to the node's entity wherever that entity lives.

/// <summary>Opens a node's GetFlows stream on the replica that owns the node.</summary>
public sealed partial class OpenNodeFlows : INodeAddressed;

/// <summary>Opens a node's GetAgentEvents stream on the replica that owns the node.</summary>
public sealed partial class OpenNodeAgentEvents : INodeAddressed;

/// <summary>Opens a node's GetDebugEvents stream on the replica that owns the node.</summary>
public sealed partial class OpenNodeDebugEvents : INodeAddressed;

/// <summary>Asks a node's ServerStatus through the replica that owns the node.</summary>
public sealed partial class QueryNodeServerStatus : INodeAddressed;

/// <summary>Asks a node's namespaces through the replica that owns the node.</summary>
public sealed partial class QueryNodeNamespaces : INodeAddressed;

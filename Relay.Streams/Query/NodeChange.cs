namespace Relay.Streams.Query;

/// <summary>A change in the node set that a running follow query reacts to.</summary>
public abstract record NodeChange(string Name);

/// <summary>A node is connected (it appeared, or it came back): a follow query attaches it.</summary>
public sealed record NodeAvailable(QueryNode Node) : NodeChange(Node.Name);

/// <summary>A node's connection is down or the node is gone.</summary>
public sealed record NodeUnavailable(string Name, bool Gone) : NodeChange(Name);

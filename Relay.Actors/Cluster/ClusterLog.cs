using Microsoft.Extensions.Logging;

namespace Relay.Actors.Cluster;

/// <summary>Log events of the relay cluster's node ownership: entities, node boards and the peer-service follower.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(101, LogLevel.Information, "This replica now owns node {Node} at {Address}; dialling it", EventName = "NodeOwned")]
    public static partial void NodeOwned(ILogger logger, string node, string address);

    [LoggerMessage(102, LogLevel.Information, "Owned node {Node} moved to {Address}; redialling", EventName = "OwnedNodeMoved")]
    public static partial void OwnedNodeMoved(ILogger logger, string node, string address);

    [LoggerMessage(103, LogLevel.Information, "This replica stopped owning node {Node}: {Reason}", EventName = "NodeReleased")]
    public static partial void NodeReleased(ILogger logger, string node, string reason);

    [LoggerMessage(104, LogLevel.Debug, "Node {Node} is handed over to another replica", EventName = "NodeHandedOver")]
    public static partial void NodeHandedOver(ILogger logger, string node);

    [LoggerMessage(105, LogLevel.Debug, "A {Message} for node {Node} reached it before its owner did; answered as not owned",
        EventName = "NodeNotOwnedYet")]
    public static partial void NodeNotOwnedYet(ILogger logger, string node, string message);

    [LoggerMessage(110, LogLevel.Warning,
        "Relay replica {Replica} is unreachable; its {Count} nodes are unavailable until it returns or is replaced",
        EventName = "ReplicaUnreachable")]
    public static partial void ReplicaUnreachable(ILogger logger, string replica, int count);

    [LoggerMessage(111, LogLevel.Information, "Relay replica {Replica} is reachable again", EventName = "ReplicaReachable")]
    public static partial void ReplicaReachable(ILogger logger, string replica);

    [LoggerMessage(112, LogLevel.Information, "Relay replica {Replica} left the cluster; its {Count} nodes get new owners",
        EventName = "ReplicaRemoved")]
    public static partial void ReplicaRemoved(ILogger logger, string replica, int count);

    [LoggerMessage(113, LogLevel.Information, "Relay replica {Replica} joined the cluster", EventName = "ReplicaJoined")]
    public static partial void ReplicaJoined(ILogger logger, string replica);

    [LoggerMessage(120, LogLevel.Information,
        "This replica now follows the peer service for the relay cluster; {Count} nodes known from the last peer list",
        EventName = "FollowerStarted")]
    public static partial void FollowerStarted(ILogger logger, int count);

    [LoggerMessage(121, LogLevel.Debug, "Re-sending ownership of {Count} nodes ({Reason})", EventName = "OwnershipReasserted")]
    public static partial void OwnershipReasserted(ILogger logger, int count, string reason);

    [LoggerMessage(130, LogLevel.Error, "Creating the client for node {Node}, owned by another replica, failed",
        EventName = "RemoteClientFailed")]
    public static partial void RemoteClientFailed(ILogger logger, string node, Exception error);
}

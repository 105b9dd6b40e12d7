using Microsoft.Extensions.Logging;

namespace Relay.Fleet;

/// <summary>Log events of the simulated fleet.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 1, EventName = "FleetStarted", Level = LogLevel.Information,
        Message = "Simulated fleet started: peer service on {PeerAddress}, {Nodes} nodes at {FlowsPerSecond} flows/s each")]
    public static partial void FleetStarted(ILogger logger, string peerAddress, int nodes, double flowsPerSecond);

    [LoggerMessage(EventId = 2, EventName = "NodeStopped", Level = LogLevel.Information,
        Message = "Node {Node} stopped: {Address} now drops connections until it is started again")]
    public static partial void NodeStopped(ILogger logger, string node, string address);

    [LoggerMessage(EventId = 3, EventName = "NodeStarted", Level = LogLevel.Information,
        Message = "Node {Node} started: {Address} accepts connections")]
    public static partial void NodeStarted(ILogger logger, string node, string address);

    [LoggerMessage(EventId = 4, EventName = "NodeAdded", Level = LogLevel.Information,
        Message = "Node {Node} added on {Address}; peer service subscribers get PEER_ADDED")]
    public static partial void NodeAdded(ILogger logger, string node, string address);

    [LoggerMessage(EventId = 5, EventName = "NodeRemoved", Level = LogLevel.Information,
        Message = "Node {Node} removed; peer service subscribers get PEER_DELETED")]
    public static partial void NodeRemoved(ILogger logger, string node);

    [LoggerMessage(EventId = 6, EventName = "NodeMoved", Level = LogLevel.Information,
        Message = "Node {Node} moved from {OldAddress} to {Address}; peer service subscribers get PEER_UPDATED")]
    public static partial void NodeMoved(ILogger logger, string node, string oldAddress, string address);

    [LoggerMessage(EventId = 7, EventName = "PeerServiceStopped", Level = LogLevel.Information,
        Message = "Peer service on {Address} stopped: connections are dropped until it is started again")]
    public static partial void PeerServiceStopped(ILogger logger, string address);

    [LoggerMessage(EventId = 8, EventName = "PeerServiceStarted", Level = LogLevel.Information,
        Message = "Peer service on {Address} accepts connections")]
    public static partial void PeerServiceStarted(ILogger logger, string address);

    [LoggerMessage(EventId = 9, EventName = "PeerSubscribed", Level = LogLevel.Debug,
        Message = "Peer.Notify subscriber gets {Peers} current peers, then changes")]
    public static partial void PeerSubscribed(ILogger logger, int peers);

    [LoggerMessage(EventId = 10, EventName = "NodeFaultInjected", Level = LogLevel.Information,
        Message = "Node {Node}: {Fault}")]
    public static partial void NodeFaultInjected(ILogger logger, string node, string fault);

    [LoggerMessage(EventId = 11, EventName = "ProductionTickFailed", Level = LogLevel.Error,
        Message = "Flow production tick failed; the next tick retries")]
    public static partial void ProductionTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "ControlListening", Level = LogLevel.Information,
        Message = "Fleet control endpoint listening on {Address}")]
    public static partial void ControlListening(ILogger logger, string address);
}

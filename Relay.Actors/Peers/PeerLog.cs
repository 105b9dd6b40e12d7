using Microsoft.Extensions.Logging;

namespace Relay.Actors.Peers;

/// <summary>Log events of the peer manager, the peer actors and the directory.</summary>
internal static partial class PeerLog
{
    [LoggerMessage(1, LogLevel.Information, "Node {Node} added at {Address}; connecting", EventName = "NodeAdded")]
    public static partial void NodeAdded(ILogger logger, string node, string address);

    [LoggerMessage(2, LogLevel.Information, "Node {Node} changed to {Address} (TLS name {TlsServerName}); reconnecting",
        EventName = "NodeUpdated")]
    public static partial void NodeUpdated(ILogger logger, string node, string address, string? tlsServerName);

    [LoggerMessage(3, LogLevel.Information, "Node {Node} removed; its connection is closed", EventName = "NodeRemoved")]
    public static partial void NodeRemoved(ILogger logger, string node);

    [LoggerMessage(4, LogLevel.Information, "Node {Node} at {Address} connected (version {Version})",
        EventName = "NodeConnected")]
    public static partial void NodeConnected(ILogger logger, string node, string address, string version);

    [LoggerMessage(5, LogLevel.Information, "Node {Node} at {Address} unavailable: {Error}; next try in {NextTryIn}",
        EventName = "NodeUnavailable")]
    public static partial void NodeUnavailable(ILogger logger, string node, string address, string error, TimeSpan nextTryIn);

    [LoggerMessage(6, LogLevel.Debug, "Node {Node} still unavailable: {Error}; next try in {NextTryIn}",
        EventName = "NodeStillUnavailable")]
    public static partial void NodeStillUnavailable(ILogger logger, string node, string error, TimeSpan nextTryIn);

    [LoggerMessage(7, LogLevel.Information, "A query reported node {Node} failing ({Error}); re-checking it now",
        EventName = "NodeFailureReported")]
    public static partial void NodeFailureReported(ILogger logger, string node, string error);

    [LoggerMessage(8, LogLevel.Warning, "Peer actor of node {Node} crashed; restarting it with a new connection",
        EventName = "PeerActorRestarting")]
    public static partial void PeerActorRestarting(ILogger logger, string node, Exception error);

    [LoggerMessage(10, LogLevel.Information, "Receiving peer notifications from {Address}", EventName = "PeerServiceConnected")]
    public static partial void PeerServiceConnected(ILogger logger, string address);

    [LoggerMessage(11, LogLevel.Information,
        "Peer service at {Address} unavailable: {Error}; keeping the known nodes, re-subscribing in {NextTryIn}",
        EventName = "PeerServiceUnavailable")]
    public static partial void PeerServiceUnavailable(ILogger logger, string address, string error, TimeSpan nextTryIn);

    [LoggerMessage(12, LogLevel.Debug, "Peer service at {Address} still unavailable: {Error}; re-subscribing in {NextTryIn}",
        EventName = "PeerServiceStillUnavailable")]
    public static partial void PeerServiceStillUnavailable(ILogger logger, string address, string error, TimeSpan nextTryIn);

    [LoggerMessage(13, LogLevel.Information,
        "{Address} does not implement peer.Peer/Notify; using it as a single Hubble node", EventName = "PeerServiceSingleNode")]
    public static partial void PeerServiceSingleNode(ILogger logger, string address);

    [LoggerMessage(14, LogLevel.Information, "Peer list complete: {Count} nodes; {Removed} not re-announced were removed",
        EventName = "PeerListSettled")]
    public static partial void PeerListSettled(ILogger logger, int count, int removed);

    [LoggerMessage(15, LogLevel.Warning, "Ignoring peer notification {Type} for '{Node}': {Reason}",
        EventName = "NotificationIgnored")]
    public static partial void NotificationIgnored(ILogger logger, string type, string node, string reason);

    [LoggerMessage(20, LogLevel.Error, "A node-change subscriber failed on the change of {Node}", EventName = "SubscriberFailed")]
    public static partial void SubscriberFailed(ILogger logger, string node, Exception error);
}

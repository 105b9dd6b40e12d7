using Microsoft.Extensions.Logging;
using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Streams;

internal static partial class NodeStreamHostLog
{
    [LoggerMessage(EventId = 1510, EventName = "RemoteNodeStreamOpened", Level = LogLevel.Debug,
        Message = "Serving {Method} of node {Node} to replica {Caller}; the node call ends when that replica stops reading")]
    public static partial void StreamOpened(ILogger logger, string node, string method, string caller);

    [LoggerMessage(EventId = 1511, EventName = "RemoteNodeCallRefused", Level = LogLevel.Debug,
        Message = "Refused a call for node {Node} from another replica: the node is {State} here; the caller reports it unavailable")]
    public static partial void Refused(ILogger logger, string node, NodeState state);
}

using Microsoft.Extensions.Logging;

namespace Relay.Actors.Flows;

/// <summary>Log events of the shared follow streams.</summary>
internal static partial class SharedFlowsLog
{
    [LoggerMessage(400, LogLevel.Debug, "Node {Node}: shared follow stream opened", EventName = "SharedStreamOpened")]
    public static partial void Opened(ILogger logger, string node);

    [LoggerMessage(401, LogLevel.Debug, "Node {Node}: shared follow stream closed ({Reason}); {FlowsDropped} flows dropped for slow followers",
        EventName = "SharedStreamClosed")]
    public static partial void Closed(ILogger logger, string node, string reason, long flowsDropped);

    [LoggerMessage(402, LogLevel.Debug, "Node {Node}: a follow query starts before the shared stream's window; it reads that gap from the node, then shares",
        EventName = "UnsharedStream")]
    public static partial void Unshared(ILogger logger, string node);
}

using Microsoft.Extensions.Logging;

namespace Relay.Api.Grpc;

/// <summary>Log events of the Observer service.</summary>
internal static partial class ObserverLog
{
    [LoggerMessage(EventId = 1100, EventName = "LastNUncut", Level = LogLevel.Information,
        Message = "GetFlows asks for the last {Number} flows, above the cut cap of {Cap}: streaming the merged history uncut")]
    public static partial void LastNUncut(ILogger logger, ulong number, int cap);
}

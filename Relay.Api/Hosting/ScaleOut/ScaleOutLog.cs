using Microsoft.Extensions.Logging;

namespace Relay.Api.Hosting.ScaleOut;

/// <summary>Log events of joining the relay cluster.</summary>
internal static partial class ScaleOutLog
{
    [LoggerMessage(EventId = 1100, EventName = "JoiningCluster", Level = LogLevel.Information,
        Message = "Relay replica {Self} joining the relay cluster through {Seeds}")]
    public static partial void JoiningCluster(ILogger logger, string self, string seeds);

    [LoggerMessage(EventId = 1101, EventName = "FoundingCluster", Level = LogLevel.Information,
        Message = "Relay replica {Self} founds a relay cluster (no seed nodes given)")]
    public static partial void FoundingCluster(ILogger logger, string self);

    [LoggerMessage(EventId = 1102, EventName = "PodsFound", Level = LogLevel.Information,
        Message = "Found {Count} relay pods (need {Required}, this one listed: {SelfListed}) with selector {Selector}; looking again")]
    public static partial void PodsFound(ILogger logger, int count, int required, bool selfListed, string selector);

    [LoggerMessage(EventId = 1103, EventName = "JoiningPods", Level = LogLevel.Information,
        Message = "Joining the relay cluster of {Count} relay pods: {Seeds}")]
    public static partial void JoiningPods(ILogger logger, int count, string seeds);

    [LoggerMessage(EventId = 1104, EventName = "PodListFailed", Level = LogLevel.Warning,
        Message = "Listing the relay pods failed: {Error}; retrying in {NextTryIn}")]
    public static partial void PodListFailed(ILogger logger, string error, TimeSpan nextTryIn);
}

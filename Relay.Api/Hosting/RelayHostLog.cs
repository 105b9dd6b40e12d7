using Microsoft.Extensions.Logging;

namespace Relay.Api.Hosting;

/// <summary>Log events of the relay host's lifecycle.</summary>
internal static partial class RelayHostLog
{
    [LoggerMessage(EventId = 1000, EventName = "Serving", Level = LogLevel.Information,
        Message = "Relay serving the Observer API on {ListenAddress}, health on {HealthAddress}; following peer service {PeerService} (version {Version})")]
    public static partial void Serving(ILogger logger, string listenAddress, string healthAddress, string peerService, string version);

    [LoggerMessage(EventId = 1001, EventName = "ShuttingDown", Level = LogLevel.Information,
        Message = "Relay shutting down: health NOT_SERVING, ending open streams, closing node connections (grace {Grace})")]
    public static partial void ShuttingDown(ILogger logger, TimeSpan grace);

    [LoggerMessage(EventId = 1002, EventName = "Stopped", Level = LogLevel.Information, Message = "Relay stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1003, EventName = "StartFailed", Level = LogLevel.Error, Message = "Relay could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1004, EventName = "ActorSystemLost", Level = LogLevel.Error,
        Message = "The relay's actor system ended unexpectedly (with --scale-out: the relay cluster removed this replica); exiting so that it restarts")]
    public static partial void ActorSystemLost(ILogger logger);

    [LoggerMessage(EventId = 1005, EventName = "HeapTrimmed", Level = LogLevel.Debug,
        Message = "Relay idle: heap compacted and its free space returned, working set {BeforeMiB} MiB -> {AfterMiB} MiB")]
    public static partial void HeapTrimmed(ILogger logger, long beforeMiB, long afterMiB);
}

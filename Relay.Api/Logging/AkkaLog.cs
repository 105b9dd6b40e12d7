using Microsoft.Extensions.Logging;

namespace Relay.Api.Logging;

/// <summary>Log events the actor system raised, at the level Akka gave them.</summary>
internal static partial class AkkaLog
{
    [LoggerMessage(EventId = 1300, EventName = "AkkaEvent", Message = "{AkkaSource}: {AkkaMessage}")]
    public static partial void Event(ILogger logger, LogLevel level, string akkaSource, string akkaMessage, Exception? error);
}

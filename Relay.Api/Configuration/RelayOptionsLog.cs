using Microsoft.Extensions.Logging;

namespace Relay.Api.Configuration;

/// <summary>Log messages about the configuration the relay runs with.</summary>
internal static partial class RelayOptionsLog
{
    [LoggerMessage(EventId = 100, EventName = "EffectiveOption", Level = LogLevel.Information,
        Message = "Option {Key} = {Value}")]
    public static partial void EffectiveOption(ILogger logger, string key, string value);

    [LoggerMessage(EventId = 101, EventName = "RelayHostPending", Level = LogLevel.Warning,
        Message = "The relay host is not wired in yet: the configuration is valid, exiting without serving")]
    public static partial void RelayHostPending(ILogger logger);
}

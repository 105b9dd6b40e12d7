using Microsoft.Extensions.Logging;

namespace Relay.Api.Configuration;

/// <summary>Logging settings: <c>--log-level</c>, <c>--log-format</c> and <c>--debug</c>/<c>-D</c>.</summary>
public sealed record RelayLogOptions(LogLevel Level, RelayLogFormat Format, bool Debug)
{
    /// <summary>The level to log at: <c>--debug</c> lowers the level to Debug (never raises it).</summary>
    public LogLevel EffectiveLevel => Debug && Level > LogLevel.Debug ? LogLevel.Debug : Level;
}

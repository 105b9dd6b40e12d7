using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Relay.Api.Configuration;

/// <summary>Builds the console logging that <c>--log-level</c>, <c>--log-format</c> and <c>--debug</c> ask for.</summary>
public static class RelayLoggerFactory
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    public static ILoggerFactory Create(RelayLogOptions log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(log.EffectiveLevel);
            switch (log.Format)
            {
                case RelayLogFormat.Json or RelayLogFormat.JsonTimestamp:
                    builder.AddJsonConsole(o =>
                    {
                        o.UseUtcTimestamp = true;
                        o.TimestampFormat = log.Format == RelayLogFormat.JsonTimestamp ? TimestampFormat.TrimEnd() : null;
                    });
                    break;
                default:
                    builder.AddSimpleConsole(o =>
                    {
                        o.SingleLine = true;
                        o.UseUtcTimestamp = true;
                        o.ColorBehavior = LoggerColorBehavior.Disabled;
                        o.TimestampFormat = log.Format == RelayLogFormat.TextTimestamp ? TimestampFormat : null;
                    });
                    break;
            }
        });
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Relay.Api.Configuration;

/// <summary>
/// Builds the console logging that <c>--log-level</c>, <c>--log-format</c> and <c>--debug</c> ask for: one event
/// per line (text, or one JSON object per line), to stdout. The frameworks underneath (ASP.NET Core, Kestrel,
/// the generic host, gRPC) log only warnings and errors, whatever the level: their start-up banners and
/// per-request debug lines would drown the relay's own events.
/// </summary>
public static class RelayLoggerFactory
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>Category prefixes held at <see cref="LogLevel.Warning"/>.</summary>
    public static readonly IReadOnlyList<string> FrameworkCategories =
        ["Microsoft.AspNetCore", "Microsoft.Hosting", "Microsoft.Extensions.Hosting", "Grpc", "System.Net.Http"];

    public static ILoggerFactory Create(RelayLogOptions log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(log.EffectiveLevel);
            foreach (var category in FrameworkCategories)
            {
                builder.AddFilter(category, level => level >= LogLevel.Warning && level >= log.EffectiveLevel);
            }

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

using Microsoft.Extensions.Logging;

namespace Relay.Api.Configuration;

/// <summary>Upstream's spellings of log levels and formats (case-insensitive when read).</summary>
internal static class RelayLogSyntax
{
    public const string Levels = "trace, debug, info, warn, error, fatal, panic";
    public const string Formats = "text, text-ts, json, json-ts";

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        level = text.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "fatal" or "panic" => LogLevel.Critical,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }

    public static bool TryParseFormat(string text, out RelayLogFormat format)
    {
        RelayLogFormat? parsed = text.ToLowerInvariant() switch
        {
            "text" => RelayLogFormat.Text,
            "text-ts" => RelayLogFormat.TextTimestamp,
            "json" => RelayLogFormat.Json,
            "json-ts" => RelayLogFormat.JsonTimestamp,
            _ => null,
        };
        format = parsed ?? RelayDefaults.LogFormat;
        return parsed is not null;
    }

    public static string Format(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    public static string Format(RelayLogFormat format) => format switch
    {
        RelayLogFormat.TextTimestamp => "text-ts",
        RelayLogFormat.Json => "json",
        RelayLogFormat.JsonTimestamp => "json-ts",
        _ => "text",
    };
}

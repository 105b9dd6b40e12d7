using Microsoft.Extensions.Logging;

namespace Relay.Actors.Nodes.Tls;

/// <summary>Log events of the certificate watchers.</summary>
internal static partial class CertificateWatcherLog
{
    [LoggerMessage(300, LogLevel.Information, "Reloaded the {Material} from {Files}; new connections use it",
        EventName = "TlsMaterialReloaded")]
    public static partial void Reloaded(ILogger logger, string material, string files);

    [LoggerMessage(301, LogLevel.Error, "Could not reload the {Material}: {Problem}; keeping the one loaded before",
        EventName = "TlsMaterialReloadFailed")]
    public static partial void ReloadFailed(ILogger logger, string material, string problem);

    [LoggerMessage(302, LogLevel.Warning,
        "Cannot watch {Directory} for changes to the {Material} ({Reason}); re-reading its files every {Interval} instead",
        EventName = "TlsWatchUnavailable")]
    public static partial void WatchUnavailable(ILogger logger, string directory, string material, string reason, TimeSpan interval);
}

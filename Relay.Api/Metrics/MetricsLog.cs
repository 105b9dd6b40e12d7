using Microsoft.Extensions.Logging;

namespace Relay.Api.Metrics;

/// <summary>Log events of the metrics endpoint.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1200, EventName = "MetricsServing", Level = LogLevel.Information,
        Message = "Serving Prometheus metrics on http://{Address}{Path}")]
    public static partial void Serving(ILogger logger, string address, string path);
}

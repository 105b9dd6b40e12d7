using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;

namespace Relay.Api.Hosting;

/// <summary>
/// Runs a relay until <c>ct</c> is cancelled — the command line cancels it on SIGTERM or SIGINT — then shuts it down within the grace period and exits 0. A relay that
/// cannot start (a listen address in use, say) logs one line and exits 1, as does one whose host is lost (<see cref="RelayHost.Lost"/>).
/// </summary>
public static class RelayRunner
{
    public static Task<int> RunAsync(RelayOptions options, ILoggerFactory? loggerFactory, CancellationToken ct) =>
        RunAsync(options, loggerFactory, onStarted: null, ct);

    /// <param name="onStarted">Told once the relay serves, with the addresses it actually bound.</param>
    public static async Task<int> RunAsync(RelayOptions options, ILoggerFactory? loggerFactory, Func<RelayHost, Task>? onStarted, CancellationToken ct)
    {
        using var owned = loggerFactory is null ? RelayLoggerFactory.Create(options.Log) : null;
        var loggers = loggerFactory ?? owned!;
        var logger = loggers.CreateLogger(typeof(RelayRunner).FullName!);

        RelayHost host;
        try
        {
            host = await RelayHost.StartAsync(options, loggers, ct).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or ArgumentException or OperationCanceledException)
        {
            RelayHostLog.StartFailed(logger, error.Message);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            if (onStarted is not null)
            {
                await onStarted(host).ConfigureAwait(false);
            }

            // SIGTERM, SIGINT or the caller: shut down and exit 0. The host lost (a scale-out replica removed by its
            // cluster): shut down and exit 1, so that the pod restarts and joins again.
            var signalled = Task.Delay(Timeout.Infinite, ct);
            var lost = await Task.WhenAny(signalled, host.Lost).ConfigureAwait(false) == host.Lost;
            await host.StopAsync().ConfigureAwait(false);
            if (lost)
            {
                return 1;
            }
        }

        return 0;
    }
}

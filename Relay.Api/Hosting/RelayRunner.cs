using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;

namespace Relay.Api.Hosting;

/// <summary>
/// Runs a relay until SIGTERM or SIGINT, then shuts it down within the grace period and exits 0. A relay that
/// cannot start (a listen address in use, say) logs one line and exits 1.
/// </summary>
public static class RelayRunner
{
    public static async Task<int> RunAsync(RelayOptions options, ILoggerFactory? loggerFactory, CancellationToken ct)
    {
        using var owned = loggerFactory is null ? RelayLoggerFactory.Create(options.Log) : null;
        var loggers = loggerFactory ?? owned!;
        var logger = loggers.CreateLogger(typeof(RelayRunner).FullName!);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        RelayHost host;
        try
        {
            host = await RelayHost.StartAsync(options, loggers, stop.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or ArgumentException or OperationCanceledException)
        {
            RelayHostLog.StartFailed(logger, error.Message);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM, SIGINT or the caller: shut down.
            }

            await host.StopAsync().ConfigureAwait(false);
        }

        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we exit ourselves once shut down
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Cancel runs the shutdown inline on this thread; it can finish, and dispose the source, on
                // another thread before Cancel returns. The relay has stopped: nothing is left to do.
            }
        }
    }
}

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
        // A completion source, not a CancellationTokenSource: a signal handler may still run after this method
        // has returned (the runtime calls every handler registered when the signal arrived, from a copy of the
        // list), and System.CommandLine cancels ct on the same signal. Setting a completed source again is a
        // no-op, where cancelling a disposed token source crashed the process with exit code 134. Continuations
        // run asynchronously so shutdown never runs on the signal thread.
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancelled = ct.Register(() => stopRequested.TrySetResult());
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

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
            // SIGTERM, SIGINT or the caller: shut down.
            await stopRequested.Task.ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
        }

        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we exit ourselves once shut down
            stopRequested.TrySetResult();
        }
    }
}

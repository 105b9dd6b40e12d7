using Microsoft.Extensions.Hosting;

namespace Relay.Api.Hosting;

/// <summary>
/// A host lifetime that leaves stopping to its owner. The default console lifetime reacts to SIGTERM by itself:
/// it stops the web application at once, ahead of the relay's graceful sequence, and its signal handling made a
/// second run of the runner's handler hit a disposed token (an unhandled exception at exit). The relay's runner
/// owns the signals; <see cref="RelayHost"/> stops each server at its point in the shutdown sequence.
/// </summary>
internal sealed class HostControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace Relay.Api.Hosting;

/// <summary>
/// Keeps ASP.NET's console lifetime from reacting to SIGTERM on its own: the relay's runner owns shutdown, so
/// health turns NOT_SERVING and open streams end with UNAVAILABLE before the server stops.
/// </summary>
internal sealed class ExternallyOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

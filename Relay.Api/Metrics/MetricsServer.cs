using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Relay.Api.Configuration;
using Relay.Api.Hosting;

namespace Relay.Api.Metrics;

/// <summary>
/// Serves <c>GET /metrics</c> (Prometheus text format) on <c>--metrics-listen-address</c>, over HTTP/1.1 on a
/// server of its own: the gRPC endpoints are cleartext HTTP/2 only, and one cleartext endpoint cannot speak both.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    public const string Path = "/metrics";

    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound address, e.g. <c>127.0.0.1:9966</c> (the real port when 0 was asked).</summary>
    public string Address { get; }

    public static async Task<MetricsServer> StartAsync(ListenAddress address, CollectorRegistry registry, ILoggerFactory loggers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(registry);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, HostControlledLifetime>();
        var endpoints = new List<ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel => KestrelListen.Bind(kestrel, address, endpoints, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.MapMetrics(Path, registry);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = KestrelListen.BoundAddress(endpoints);
        var server = new MetricsServer(app, bound);
        MetricsLog.Serving(loggers.CreateLogger<MetricsServer>(), bound, Path);
        return server;
    }

    public async Task StopAsync(CancellationToken ct) => await _app.StopAsync(ct).ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}

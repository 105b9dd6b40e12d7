using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Fleet.Observer;
using Relay.Fleet.Peers;

namespace Relay.Fleet.Hosting;

/// <summary>
/// One Kestrel server listening on many loopback ports (HTTP/2 only, cleartext or TLS), each behind a
/// <see cref="PortGate"/> (through <see cref="GatedListenerFactory"/>), serving the fleet's Observer and Peer services. A running Kestrel cannot
/// gain ports, so the fleet starts one host for its initial ports and a small one per port added later.
/// </summary>
internal sealed class FleetHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _retired;

    private FleetHost(WebApplication app, IReadOnlyList<PortGate> gates)
    {
        _app = app;
        Gates = gates;
    }

    /// <summary>The gates of this host's ports, in the order they were requested, with their bound ports.</summary>
    public IReadOnlyList<PortGate> Gates { get; }

    /// <summary>Binds one port per gate (port 0 = a free port) and starts serving.</summary>
    public static async Task<FleetHost> StartAsync(
        IReadOnlyList<(int Port, PortGate Gate)> endpoints,
        FleetState state,
        ILoggerFactory loggerFactory,
        int maxStreamsPerConnection,
        TlsHandshakeCallbackOptions? tls,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<FleetObserverService>();
        builder.Services.AddSingleton<FleetPeerService>();
        builder.Services.AddSingleton<IConnectionListenerFactory, GatedListenerFactory>();
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = FleetDefaults.ShutdownTimeout);

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection;

            // Slow readers are a scenario to simulate, not a reason to drop them.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            foreach (var (port, gate) in endpoints)
            {
                kestrel.Listen(new GatedEndPoint(gate, port), listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    listen.Use(gate.Middleware);
                    if (tls is not null)
                    {
                        listen.UseHttps(tls);
                    }
                });
            }
        });

        var app = builder.Build();
        app.MapGrpcService<FleetObserverService>();
        app.MapGrpcService<FleetPeerService>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new FleetHost(app, endpoints.Select(e => e.Gate).ToArray());
    }

    /// <summary>Marks one of this host's ports as no longer used; true when none is left in use.</summary>
    public bool Retire() => Interlocked.Increment(ref _retired) >= Gates.Count;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Gates.Select(g => g.CloseAsync(TimeSpan.Zero)));

        using var timeout = new CancellationTokenSource(FleetDefaults.ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Whatever did not finish in time is aborted by disposing.
        }

        await _app.DisposeAsync();
    }
}

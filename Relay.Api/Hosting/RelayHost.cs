using System.Net;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Grpc.AspNetCore.Server.Model;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Actors.Flows;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Grpc;
using Relay.Api.Health;
using Relay.Api.Hosting.ScaleOut;
using Relay.Api.Logging;
using Relay.Api.Metrics;
using Relay.Api.Tls;
using Relay.Streams.Query;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Api.Hosting;

/// <summary>
/// A running relay: the actor system with the peer directory, and one Kestrel server with the Observer API
/// and gRPC health on the listen address and health only on the health address. Used by <c>serve</c>,
/// <c>demo</c> and the end-to-end tests alike. With <c>--scale-out</c> the actor system is one replica of a relay
/// cluster and the directory lists the nodes of the whole cluster.
/// </summary>
public sealed class RelayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ActorSystem _system;
    private readonly IPeerDirectory _directory;
    private readonly IAsyncDisposable _directoryLifetime;
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RelayHealth _health;
    private readonly RelayTls _tls;
    private readonly RelayShutdown _shutdown;
    private readonly TimeSpan _grace;
    private readonly ILogger _logger;
    private MetricsServer? _metricsServer;
    private int _stopped;

    private RelayHost(WebApplication app, ActorSystem system, RelayDirectory directory, RelayHealth health, RelayShutdown shutdown, TimeSpan grace, ILogger logger, RelayTls tls)
    {
        _tls = tls;
        _app = app;
        _system = system;
        _directory = directory.Directory;
        _directoryLifetime = directory.Lifetime;
        _health = health;
        _shutdown = shutdown;
        _grace = grace;
        _logger = logger;
    }

    /// <summary>The Observer API's bound address, e.g. <c>127.0.0.1:4245</c> (the real port when 0 was asked).</summary>
    public string ListenAddress { get; private set; } = string.Empty;

    /// <summary>The health endpoint's bound address.</summary>
    public string HealthAddress { get; private set; } = string.Empty;

    /// <summary>The metrics endpoint's bound address; empty when metrics are off.</summary>
    public string MetricsAddress => _metricsServer?.Address ?? string.Empty;

    /// <summary>The nodes as the relay sees them (with <c>--scale-out</c>, those of the whole relay cluster).</summary>
    public IPeerDirectory Directory => _directory;

    /// <summary>With <c>--scale-out</c>, the address other replicas reach this one at (<c>host:port</c>); else empty.</summary>
    public string ScaleOutAddress { get; private set; } = string.Empty;

    /// <summary>
    /// Completes when the relay can no longer serve on its own: its actor system ended without <see cref="StopAsync"/>
    /// (with <c>--scale-out</c>: the cluster downed this replica). The runner then exits so that the pod restarts.
    /// </summary>
    public Task Lost => _lost.Task;

    internal ActorSystem ActorSystem => _system;

    /// <summary>Starts the relay; it serves once this returns.</summary>
    /// <exception cref="TlsConfigurationException">A TLS file is unreadable or does not hold what its setting needs.</exception>
    public static Task<RelayHost> StartAsync(RelayOptions options, ILoggerFactory loggers, CancellationToken ct = default) =>
        StartAsync(options, loggers, akkaOverrides: null, ct);

    /// <param name="options">The validated settings.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="akkaOverrides">Akka settings over the embedded ones (tests: cluster timings).</param>
    /// <param name="ct">Cancels the start.</param>
    internal static async Task<RelayHost> StartAsync(RelayOptions options, ILoggerFactory loggers, Config? akkaOverrides, CancellationToken ct = default)
    {
        var version = RelayVersion.Current;
        var tls = RelayTls.Load(options, loggers); // first: bad TLS files stop start-up before anything runs
        var hocon = options.ScaleOut is { } scaleOut ? ScaleOutHocon.For(scaleOut) : RelayHocon.Load();
        var system = ActorSystem.Create(ScaleOutHocon.SystemName, AkkaLogging.Setup(akkaOverrides?.WithFallback(hocon) ?? hocon, loggers));
        var channels = new NodeChannelFactory(new NodeConnectionSettings { DialTimeout = options.DialTimeout, RelayVersion = version, Tls = tls.Nodes });
        var peers = new PeerManagerSettings
        {
            PeerServiceAddress = options.PeerService.ToString(),
            ClusterName = options.ClusterName,
            DialTimeout = options.DialTimeout,
            RetryTimeout = options.RetryTimeout,
            BackoffMin = RelayDefaults.NodeBackoffInitial,
            BackoffMax = RelayDefaults.NodeBackoffMax,
            RecheckInterval = RelayDefaults.NodeConnectionCheckInterval,
            RelayVersion = version,
        };
        // Follow queries with one request shape share each node's stream; history reads each node on its own.
        var materializer = system.Materializer();
        var tuning = QueryTuning.From(options);
        var shared = new SharedNodeFlows(DirectNodeFlows.Instance, materializer, tuning.SharedFollow, loggers.CreateLogger<SharedNodeFlows>());
        RelayDirectory started;
        try
        {
            started = RelayDirectory.Start(system, materializer, options, peers, channels, shared, tuning.SharedFollow, loggers);
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            tls.Dispose();
            throw;
        }

        var directory = started.Directory;
        var replica = options.ScaleOut is null ? null : AkkaCluster.Get(system).SelfAddress.ToString();
        var metrics = options.MetricsListenAddress is null ? null : new RelayMetrics(directory, TimeProvider.System, started.Sharing, replica);
        var health = new RelayHealth();
        var shutdown = new RelayShutdown();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, HostControlledLifetime>();
        var mainEndpoints = new List<ListenOptions>();
        var healthEndpoints = new List<ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, options.ListenAddress, mainEndpoints, tls.Server);
            Listen(kestrel, options.HealthListenAddress, healthEndpoints, null); // plaintext, as upstream
        });
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ShutdownInterceptor>());
        if (metrics is null)
        {
            builder.Services.AddSingleton<IRelayMetrics>(NoRelayMetrics.Instance);
        }
        else
        {
            metrics.AddTo(builder.Services);
        }

        builder.Services.AddSingleton<IPeerDirectory>(directory);
        builder.Services.AddSingleton<INodeFlows>(started.Flows);
        builder.Services.AddSingleton<IMaterializer>(materializer);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(shutdown);
        builder.Services.AddSingleton(tuning);
        builder.Services.AddSingleton(new NodeStatusResponses(RelayNodeName.Current, TimeProvider.System));
        builder.Services.AddSingleton(sp => new NodeFanOut(
            directory, sp.GetRequiredService<IMaterializer>(), sp.GetRequiredService<QueryTuning>(), version));
        builder.Services.AddSingleton<ObserverService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<ObserverService>, ObserverMethodProvider>());
        builder.Services.AddSingleton(health.Service);
        builder.Services.AddHostedService<IdleHeapTrimmer>();

        var app = builder.Build();
        app.MapGrpcService<ObserverService>();
        app.MapGrpcService<HealthServiceImpl>();
        metrics?.InitializeGrpcMethods(app);
        MetricsServer? metricsServer = null;
        try
        {
            if (metrics is not null)
            {
                metricsServer = await MetricsServer.StartAsync(options.MetricsListenAddress!, metrics.Registry, loggers, ct).ConfigureAwait(false);
            }

            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            if (metricsServer is not null)
            {
                await metricsServer.DisposeAsync().ConfigureAwait(false);
            }

            await started.Lifetime.DisposeAsync().ConfigureAwait(false);
            await system.Terminate().ConfigureAwait(false);
            tls.Dispose();
            throw;
        }

        var host = new RelayHost(app, system, started, health, shutdown, options.ShutdownGracePeriod, loggers.CreateLogger<RelayHost>(), tls)
        {
            _metricsServer = metricsServer,
        };
        host.ListenAddress = KestrelListen.BoundAddress(mainEndpoints);
        host.HealthAddress = KestrelListen.BoundAddress(healthEndpoints);
        if (options.ScaleOut is not null)
        {
            var self = AkkaCluster.Get(system).SelfAddress;
            host.ScaleOutAddress = $"{self.Host}:{self.Port}";
        }

        _ = system.WhenTerminated.ContinueWith(_ => host.OnActorSystemEnded(), TaskScheduler.Default);
        health.MarkServing();
        RelayHostLog.Serving(host._logger, host.ListenAddress, host.HealthAddress, options.PeerService.ToString(), version);
        return host;
    }

    /// <summary>
    /// Stops as upstream's chart expects: health NOT_SERVING, open streams end with UNAVAILABLE, the listener
    /// closes, node channels close — all within the grace period.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        RelayHostLog.ShuttingDown(_logger, _grace);
        _health.MarkShuttingDown();
        _shutdown.Begin();
        using var grace = new CancellationTokenSource(_grace);
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        if (_metricsServer is not null)
        {
            await _metricsServer.StopAsync(grace.Token).ConfigureAwait(false);
        }

        if (ScaleOutAddress.Length > 0)
        {
            // Leave the cluster: this replica's nodes are handed to the others before its connections close.
            await LeaveClusterAsync(grace.Token).ConfigureAwait(false);
        }

        await _directoryLifetime.DisposeAsync().ConfigureAwait(false);
        await _system.Terminate().WaitAsync(_grace).ConfigureAwait(false);
        _tls.Dispose();
        RelayHostLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task LeaveClusterAsync(CancellationToken grace)
    {
        try
        {
            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance)
                .WaitAsync(grace).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of grace: the actor system is terminated below; the other replicas notice and down this one.
        }
    }

    private void OnActorSystemEnded()
    {
        if (Volatile.Read(ref _stopped) == 0)
        {
            RelayHostLog.ActorSystemLost(_logger);
            _lost.TrySetResult();
        }
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address, List<ListenOptions> endpoints, TlsHandshakeCallbackOptions? tls) =>
        KestrelListen.Bind(kestrel, address, endpoints, listen =>
        {
            // Cleartext must be HTTP/2 only: "Http1AndHttp2" without TLS silently serves HTTP/1.1 and gRPC fails.
            // With TLS (the main endpoint unless --disable-server-tls) HTTP/2 only too: ALPN then offers only h2.
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.UseHttps(tls);
            }
        });
}

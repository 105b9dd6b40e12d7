using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Relay.Actors.Flows;
using Relay.Actors.Peers;

namespace Relay.Api.Metrics;

/// <summary>
/// The relay's Prometheus metrics, in a registry of its own (one per relay host, so hosts in one process never
/// mix counts): the upstream pool and <c>grpc_server_*</c> families, the relay's own query metrics, and process
/// and .NET runtime metrics.
/// </summary>
public sealed class RelayMetrics : IRelayMetrics
{
    private readonly FlowQueryMetrics _queries;
    private readonly PeerPoolMetrics _pool;
    private readonly RuntimeMetrics _runtime;
    private readonly SharedFlowMetrics? _shared;

    /// <param name="directory">The nodes, for the pool gauges.</param>
    /// <param name="clock">Times the gRPC calls and queries.</param>
    /// <param name="sharedFlows">Reads the shared follow streams' figures; null when streams are not shared.</param>
    /// <param name="replica">With <c>--scale-out</c>, this replica's cluster address, to count the nodes it owns.</param>
    public RelayMetrics(IPeerDirectory directory, TimeProvider clock, Func<SharedFlowStats>? sharedFlows = null, string? replica = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Grpc = new GrpcServerMetrics(factory, clock);
        _queries = new FlowQueryMetrics(factory, clock);
        _pool = new PeerPoolMetrics(factory, directory, replica);

        // prometheus-net's process_* (CPU, memory, handles, threads, start time) and dotnet_* (collections,
        // memory), plus ours. Not its Meter/EventCounter adapters: they keep process-wide static state that
        // several hosts in one process (the tests) would share.
        DotNetStats.Register(Registry);
        _runtime = new RuntimeMetrics(factory);
        _shared = sharedFlows is null ? null : new SharedFlowMetrics(factory, sharedFlows);
        Registry.AddBeforeCollectCallback(() =>
        {
            _pool.Collect();
            _queries.Collect();
            _runtime.Collect();
            _shared?.Collect();
        });
    }

    /// <summary>Every metric of this relay; what <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    internal GrpcServerMetrics Grpc { get; }

    public IQueryMetrics QueryStarted(bool follow) => _queries.Start(follow);

    public void NodeStreamFailed(string node, Exception error) => _queries.NodeStreamFailed(node, error);

    /// <summary>
    /// Registers these metrics as the host's <see cref="IRelayMetrics"/>, and the interceptor that feeds the
    /// <c>grpc_server_*</c> family as a global one, so it runs for every method of every service.
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IRelayMetrics>(this);
        services.AddSingleton(new GrpcServerMetricsInterceptor(Grpc));
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<GrpcServerMetricsInterceptor>());
    }

    /// <summary>
    /// Publishes zeros for every gRPC method the host maps, before any call, as upstream's
    /// <c>InitializeMetrics</c> does.
    /// </summary>
    public void InitializeGrpcMethods(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var methods = endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(method => !method.Name.Contains('*', StringComparison.Ordinal));
        foreach (var method in methods)
        {
            Grpc.Initialize("/" + method.FullName.TrimStart('/'), method.Type);
        }
    }
}

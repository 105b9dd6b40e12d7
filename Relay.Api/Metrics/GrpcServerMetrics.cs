using System.Collections.Concurrent;
using Grpc.Core;
using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>
/// The <c>grpc_server_*</c> family under the names, labels and types go-grpc-prometheus gives the upstream relay:
/// counters <c>grpc_server_started_total</c>, <c>grpc_server_handled_total</c> (with <c>grpc_code</c>),
/// <c>grpc_server_msg_received_total</c>, <c>grpc_server_msg_sent_total</c>, and the histogram
/// <c>grpc_server_handling_seconds</c>, all labelled <c>grpc_type</c>, <c>grpc_service</c>, <c>grpc_method</c>.
/// </summary>
internal sealed class GrpcServerMetrics
{
    /// <summary>Prometheus' default buckets, the ones go-grpc-prometheus uses.</summary>
    private static readonly double[] HandlingBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly string[] Labels = ["grpc_type", "grpc_service", "grpc_method"];

    private readonly Counter _started;
    private readonly Counter _handled;
    private readonly Counter _received;
    private readonly Counter _sent;
    private readonly Histogram _handling;
    private readonly ConcurrentDictionary<string, GrpcMethodMetrics> _methods = new(StringComparer.Ordinal);

    public GrpcServerMetrics(IMetricFactory factory, TimeProvider clock)
    {
        Clock = clock;
        _started = factory.CreateCounter("grpc_server_started_total", "Total number of RPCs started on the server.", Labels);
        _handled = factory.CreateCounter(
            "grpc_server_handled_total", "Total number of RPCs completed on the server, regardless of success or failure.", [.. Labels, "grpc_code"]);
        _received = factory.CreateCounter("grpc_server_msg_received_total", "Total number of RPC stream messages received on the server.", Labels);
        _sent = factory.CreateCounter("grpc_server_msg_sent_total", "Total number of gRPC stream messages sent by the server.", Labels);
        _handling = factory.CreateHistogram(
            "grpc_server_handling_seconds",
            "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
            Labels,
            new HistogramConfiguration { Buckets = HandlingBuckets });
    }

    public TimeProvider Clock { get; }

    /// <summary>The metrics of one method, created on its first call (or by <see cref="Initialize"/>).</summary>
    /// <param name="fullMethod">The method path, <c>/package.Service/Method</c>.</param>
    public GrpcMethodMetrics For(string fullMethod, MethodType type) =>
        _methods.GetOrAdd(fullMethod, static (path, state) => state.Self.Create(path, state.Type), (Self: this, Type: type));

    /// <summary>
    /// Publishes zeros for a method before its first call, every code included, as go-grpc-prometheus'
    /// <c>InitializeMetrics</c> does, so rates over a quiet method are 0 rather than absent.
    /// </summary>
    public void Initialize(string fullMethod, MethodType type) => For(fullMethod, type).PublishAllCodes();

    private GrpcMethodMetrics Create(string fullMethod, MethodType type)
    {
        var (service, method) = Split(fullMethod);
        string[] labels = [GrpcMethodType.Of(type), service, method];
        return new GrpcMethodMetrics(
            _started.WithLabels(labels),
            code => _handled.WithLabels([.. labels, code]),
            _received.WithLabels(labels),
            _sent.WithLabels(labels),
            _handling.WithLabels(labels));
    }

    /// <summary>Splits <c>/package.Service/Method</c> into its service and method names.</summary>
    internal static (string Service, string Method) Split(string fullMethod)
    {
        var path = fullMethod.TrimStart('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("unknown", path) : (path[..slash], path[(slash + 1)..]);
    }
}

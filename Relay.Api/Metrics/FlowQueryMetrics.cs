using System.Collections.Concurrent;
using Grpc.Core;
using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>
/// The relay's own GetFlows metrics, beside the upstream names: flows relayed, late flows, active queries by
/// mode, per-node stream lag of live flows, and node stream errors by code.
/// </summary>
internal sealed class FlowQueryMetrics
{
    /// <summary>From a millisecond to half a minute: the follow target is tens of milliseconds.</summary>
    private static readonly double[] LagBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly ConcurrentDictionary<QueryMetrics, byte> _running = new();
    private readonly Gauge _active;
    private readonly Counter _nodeErrors;

    public FlowQueryMetrics(IMetricFactory factory, TimeProvider clock)
    {
        Clock = clock;
        FlowsRelayed = factory.CreateCounter("hubble_relay_flows_relayed_total", "Flows written to GetFlows clients.");
        LateFlows = factory.CreateCounter(
            "hubble_relay_late_flows_total",
            "Flows that reached a follow query's merge after a newer flow had been sent; delivered at once, never dropped.");
        _active = factory.CreateGauge("hubble_relay_get_flows_active", "GetFlows calls being served, by mode (follow or history).", ["mode"]);
        Lag = factory.CreateHistogram(
            "hubble_relay_node_stream_lag_seconds",
            "Time from a live flow's timestamp to the relay writing it to a follow client, by node.",
            ["node"],
            new HistogramConfiguration { Buckets = LagBuckets });
        _nodeErrors = factory.CreateCounter(
            "hubble_relay_node_errors_total", "Node GetFlows streams that failed during a query, by node and gRPC code.", ["node", "code"]);
        Follow = _active.WithLabels("follow");
        History = _active.WithLabels("history");
    }

    public TimeProvider Clock { get; }

    public Counter FlowsRelayed { get; }

    public Counter LateFlows { get; }

    public Histogram Lag { get; }

    public IGauge Follow { get; }

    public IGauge History { get; }

    public IQueryMetrics Start(bool follow)
    {
        var query = new QueryMetrics(this, follow);
        _running.TryAdd(query, 0);
        return query;
    }

    public void Ended(QueryMetrics query) => _running.TryRemove(query, out _);

    public void NodeStreamFailed(string node, Exception error) =>
        _nodeErrors.WithLabels(node, error is RpcException rpc ? GrpcCodeNames.Of(rpc.StatusCode) : GrpcCodeNames.Of(StatusCode.Unknown)).Inc();

    /// <summary>Brings the late-flow counter up to date with the running queries; called before each scrape.</summary>
    public void Collect()
    {
        foreach (var query in _running.Keys)
        {
            query.PublishLate();
        }
    }
}

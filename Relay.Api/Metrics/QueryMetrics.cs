using Prometheus;
using Relay.Streams.Merging;
using Relay.Streams.Time;
using Relay.Streams.Wire;

namespace Relay.Api.Metrics;

/// <summary>
/// One GetFlows call's metrics. The late-flow count lives in the merge's <see cref="MergeStats"/>; it is carried
/// into the counter by difference (at each scrape and at the end), so the counter moves while a follow call runs.
/// </summary>
internal sealed class QueryMetrics : IQueryMetrics
{
    private readonly FlowQueryMetrics _family;
    private readonly bool _follow;
    private readonly IGauge _active;
    private readonly long _startNanos;
    private readonly Dictionary<string, IHistogram> _lagByNode = new(StringComparer.Ordinal);
    private readonly Lock _lateLock = new();
    private MergeStats? _stats;
    private long _latePublished;
    private int _disposed;

    public QueryMetrics(FlowQueryMetrics family, bool follow)
    {
        _family = family;
        _follow = follow;
        _active = follow ? family.Follow : family.History;
        _startNanos = UnixNanos.From(family.Clock.GetUtcNow());
        _active.Inc();
    }

    public void Merging(MergeStats stats) => Volatile.Write(ref _stats, stats);

    /// <summary>Called by the one writer of the call, so the per-node cache needs no lock.</summary>
    public void Forwarded(IReadOnlyList<RawFlowResponse> responses)
    {
        var flows = 0;
        var now = _follow ? UnixNanos.From(_family.Clock.GetUtcNow()) : 0;
        foreach (var response in responses)
        {
            if (response.Kind != ResponseKind.Flow)
            {
                continue;
            }

            flows++;

            // Lag means something only for live flows: history is as old as the client asked for.
            if (_follow && response.TimeNanos is { } time && time >= _startNanos)
            {
                LagOf(response.NodeName).Observe(Math.Max(0, now - time) / 1e9);
            }
        }

        if (flows > 0)
        {
            _family.FlowsRelayed.Inc(flows);
        }
    }

    /// <summary>Adds the late flows counted since the last call to the counter.</summary>
    public void PublishLate()
    {
        if (Volatile.Read(ref _stats) is not { } stats)
        {
            return;
        }

        lock (_lateLock)
        {
            var late = stats.LateElements;
            if (late > _latePublished)
            {
                _family.LateFlows.Inc(late - _latePublished);
                _latePublished = late;
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        PublishLate();
        _family.Ended(this);
        _active.Dec();
    }

    private IHistogram LagOf(string node)
    {
        if (!_lagByNode.TryGetValue(node, out var lag))
        {
            lag = _family.Lag.WithLabels(node);
            _lagByNode[node] = lag;
        }

        return lag;
    }

}

using Prometheus;
using Relay.Actors.Flows;

namespace Relay.Api.Metrics;

/// <summary>
/// Shared follow streams, read from <see cref="SharedNodeFlows"/> at each scrape: how many node streams are
/// shared and by how many query inputs, flows dropped for followers that fell behind, and follow streams that
/// could not share.
/// </summary>
internal sealed class SharedFlowMetrics(IMetricFactory factory, Func<SharedFlowStats> stats)
{
    private readonly Gauge _streams = factory.CreateGauge(
        "hubble_relay_shared_follow_streams",
        "Node GetFlows streams currently shared by follow queries (with --scale-out, also those of nodes another replica owns, read from it).");

    private readonly Gauge _followers = factory.CreateGauge(
        "hubble_relay_shared_follow_followers", "Follow queries' node inputs currently reading a shared stream.");

    private readonly Counter _dropped = factory.CreateCounter(
        "hubble_relay_shared_follow_flows_dropped_total", "Flows dropped for followers that fell a buffer behind (each was sent lost_events).");

    private readonly Counter _unshared = factory.CreateCounter(
        "hubble_relay_shared_follow_unshared_total", "Followers that read the flows before a shared stream's replay window with a history call of their own, then shared.");

    public void Collect()
    {
        var now = stats();
        _streams.Set(now.SharedStreams);
        _followers.Set(now.Followers);
        _dropped.IncTo(now.FlowsDropped);
        _unshared.IncTo(now.Unshared);
    }
}

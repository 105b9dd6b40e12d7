namespace Relay.Benchmarks.E2e;

/// <summary>One measured situation, run first through the relay and then through the raw forwarder.</summary>
/// <param name="Name">Short unique name, e.g. <c>follow-10x100</c>.</param>
/// <param name="Group">The table section: history, follow, scale-nodes, scale-clients, shared or cluster.</param>
/// <param name="Kind">History queries or follow streams.</param>
/// <param name="Fleet">The fleet it runs against.</param>
/// <param name="Clients">Concurrent Observer clients.</param>
/// <param name="IdleNodes">Nodes paused (producing nothing) for the scenario, the last ones of the fleet.</param>
/// <param name="Warmup">Follow: how long the streams run before measuring starts (then until they settle). History: how long unmeasured queries run first (at least one).</param>
/// <param name="Duration">How long the measurement runs (history: at least one query, then until this elapses).</param>
/// <param name="MaxQueries">History: most queries per client.</param>
/// <param name="Replicas">
/// Above 1: the clients follow a relay cluster of this many replicas (spread over them in turn), compared with one
/// relay over the same fleet instead of with the ceiling.
/// </param>
/// <param name="ClientReadRate">Follow: the most flows per second each client reads (a slow client); null reads as fast as it can.</param>
public sealed record ScenarioSpec(
    string Name,
    string Group,
    ScenarioKind Kind,
    FleetShape Fleet,
    int Clients,
    int IdleNodes,
    TimeSpan Warmup,
    TimeSpan Duration,
    int MaxQueries,
    int Replicas = 1,
    double? ClientReadRate = null)
{
    /// <summary>Flows all nodes hold together, which a history query asks for (<c>number</c> = nodes × ring).</summary>
    public long HistoryFlows => (long)Fleet.Nodes * Fleet.RingCapacity;

    /// <summary>Follow: flows per second the clients should receive together if nothing is lost or slowed.</summary>
    public double OfferedFlowsPerSecond => (Fleet.Nodes - IdleNodes) * Fleet.FlowsPerSecond * Clients;

    /// <summary>True when the clients read slower than the flows are offered (the slow-client scenario).</summary>
    public bool SlowClients => ClientReadRate is { } rate && rate * Clients < OfferedFlowsPerSecond;
}

namespace Relay.Benchmarks.E2e;

/// <summary>What one server (relay or ceiling) did in one scenario's measurement window.</summary>
/// <param name="Target"><c>relay</c> or <c>ceiling</c>.</param>
/// <param name="Flows">Flows the clients received in the window (every client's copy counts).</param>
/// <param name="Seconds">Length of the window.</param>
/// <param name="FlowsPerSecond">Flows ÷ seconds.</param>
/// <param name="Queries">History: queries completed; follow: streams opened.</param>
/// <param name="Errors">Calls that failed.</param>
/// <param name="QueryP50Ms">History: median time of one query.</param>
/// <param name="Delay">Follow: delay from a flow's time to its arrival.</param>
/// <param name="LateFlows">Follow: flows that arrived older than one the same client had already received.</param>
/// <param name="CpuSeconds">The server process's user+system CPU in the window.</param>
/// <param name="CpuPercent">CPU seconds per wall second × 100 (200 = both cores).</param>
/// <param name="CpuSecondsPerMillionFlows">CPU seconds per million flows delivered; null without flows.</param>
/// <param name="PeakRssMb">Peak resident memory in the window (MiB).</param>
/// <param name="RssMb">Resident memory at the end of the window (MiB).</param>
/// <param name="NodeStreams">Follow: GetFlows streams open on the fleet's nodes at the end of the window; null when not counted.</param>
/// <param name="LostFlows">Follow: flows the clients were told they missed (<c>lost_events</c> counts) in the window.</param>
/// <param name="Replicas">A relay cluster: each replica's cost (the figures above add them up); null for one process.</param>
/// <param name="StartRssMb">Resident memory at the start of the window (MiB).</param>
/// <param name="Gc">Garbage collections in the window (see <see cref="GcCounts"/>); null when not read.</param>
/// <param name="ContextSwitches">Voluntary context switches of the server's threads in the window (thread hand-offs).</param>
/// <param name="StartHeapAfterGcMb">The heap's size after the last collection before the window (MiB): what was live then.</param>
/// <param name="HeapAfterGcMb">The same at the window's end.</param>
/// <param name="WarmupSeconds">Follow: how long the streams ran before the window opened (warm-up until settled).</param>
/// <param name="MidRssMb">Resident memory halfway through the window (MiB).</param>
public sealed record TargetResult(
    string Target,
    long Flows,
    double Seconds,
    double FlowsPerSecond,
    int Queries,
    int Errors,
    double? QueryP50Ms,
    DelaySummary? Delay,
    long LateFlows,
    double CpuSeconds,
    double CpuPercent,
    double? CpuSecondsPerMillionFlows,
    double PeakRssMb,
    double RssMb,
    int? NodeStreams = null,
    long LostFlows = 0,
    IReadOnlyList<ReplicaCost>? Replicas = null,
    double? StartRssMb = null,
    GcCounts? Gc = null,
    long? ContextSwitches = null,
    double? StartHeapAfterGcMb = null,
    double? HeapAfterGcMb = null,
    double? WarmupSeconds = null,
    double? MidRssMb = null)
{
    /// <summary>Context switches per flow delivered; null without flows or without a count.</summary>
    public double? ContextSwitchesPerFlow => Flows > 0 && ContextSwitches is { } switches ? (double)switches / Flows : null;
}

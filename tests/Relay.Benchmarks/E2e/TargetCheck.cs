using System.Globalization;

namespace Relay.Benchmarks.E2e;

/// <summary>One of the benchmark targets, checked against a run's numbers.</summary>
/// <param name="Target">What is promised, e.g. "follow p99 ≤ 50 ms at 10 nodes × 100/s".</param>
/// <param name="Scenario">The scenario that measures it.</param>
/// <param name="Measured">The figure, with its unit.</param>
/// <param name="Met">Whether the figure is within the target.</param>
/// <param name="Margin">By how much it is met or missed, with its unit.</param>
public sealed record TargetCheck(string Target, string Scenario, string Measured, bool Met, string Margin)
{
    /// <summary>The relay's default lateness bound L (<c>--sort-lateness</c>).</summary>
    public const double LatenessMs = 100;

    private const string IdleNodesTarget = "≤ 150 MB RSS with 1000 connected idle nodes";

    /// <summary>How much a slow client's query may grow the relay's RSS over its window's second half and still count as flat.</summary>
    public const double SlowClientGrowthMb = 16;

    /// <summary>Checks every target whose scenario (or fleet, for memory when connected) was measured.</summary>
    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<FleetSetup> fleets, IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(fleets);
        ArgumentNullException.ThrowIfNull(results);
        var checks = new List<TargetCheck>();
        foreach (var fleet in fleets.Where(f => f.Nodes == 1000))
        {
            checks.Add(AtMost(IdleNodesTarget + ", no query", "fleet of 1000 nodes, just connected", fleet.RelayConnectedRssMb, 150, "MiB"));
        }

        foreach (var r in results)
        {
            if (r.Kind == ScenarioKind.History && r.ThroughputRatio is { } ratio)
            {
                checks.Add(AtLeast("history throughput ≥ 50% of the raw forwarder", r.Name, ratio * 100, 50, "%"));
            }
            else if (r.Group == ScenarioCatalog.Follow && r.Relay.Delay is { } delay)
            {
                var limit = r.IdleNodes > 0 ? LatenessMs + 20 : 50;
                var what = r.IdleNodes > 0 ? "follow p99 ≤ L + 20 ms with one node idle" : "follow p99 ≤ 50 ms, all nodes active";
                checks.Add(AtMost($"{what} ({r.Nodes} nodes × {r.FlowsPerSecondPerNode:0}/s)", r.Name, delay.P99Ms, limit, "ms"));
            }
            else if (r.Group == ScenarioCatalog.SlowClient && r.Relay is { MidRssMb: { } mid } relay)
            {
                // Flat once the buffers between the nodes and the client are full: the second half of the window.
                // Not the heap's size after the last collection: flows a slow client never reads outlive a few
                // collections, and until a full one their garbage counts there (a heap snapshot of this scenario:
                // 15.7 MiB live 15 s in, 15.6 MiB 40 s in, while that size grew 47 MiB).
                checks.Add(AtMost(
                    $"a query's memory bounded whatever the client's speed: relay RSS growth over the window's second half ≤ {SlowClientGrowthMb:0} MiB",
                    r.Name,
                    relay.RssMb - mid,
                    SlowClientGrowthMb,
                    "MiB"));
            }
            else if (r.Name == "scale-nodes-1000-idle")
            {
                // At the window's end: the steady state with the query open, not the query's own set-up.
                checks.Add(AtMost(IdleNodesTarget + ", one follow query open (RSS at the window's end)", r.Name, r.Relay.RssMb, 150, "MiB"));
            }
        }

        return checks;
    }

    private static TargetCheck AtMost(string target, string scenario, double value, double limit, string unit) =>
        new(target, scenario, Format(value, unit), value <= limit, Format(value - limit, unit, signed: true));

    private static TargetCheck AtLeast(string target, string scenario, double value, double limit, string unit) =>
        new(target, scenario, Format(value, unit), value >= limit, Format(value - limit, unit, signed: true));

    private static string Format(double value, string unit, bool signed = false) =>
        (signed && value > 0 ? "+" : string.Empty) + value.ToString("0.0", CultureInfo.InvariantCulture) + " " + unit;
}

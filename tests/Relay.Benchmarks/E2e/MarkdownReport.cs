using System.Globalization;
using System.Text;

namespace Relay.Benchmarks.E2e;

/// <summary>Renders an <see cref="E2eReport"/> as markdown tables: history, follow and scale sections, then the targets.</summary>
public static class MarkdownReport
{
    public static string Render(E2eReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var m = report.Machine;
        Line(md, $"Run {report.StartedAt:yyyy-MM-dd HH:mm} UTC{(report.Quick ? " (quick)" : string.Empty)}, {report.TotalSeconds:0} s in total; "
            + $"{m.Cores} cores ({m.Cpu}), {m.MemoryGiB:0.0} GiB, {m.Runtime}"
            + (report.RelayEnvironment is { } env ? $"; relay environment {env}" : string.Empty)
            + (report.RelayDll is { } dll ? $"; relay build {dll}." : "."));
        Line(md, string.Empty);

        var history = report.Scenarios.Where(s => s.Kind == ScenarioKind.History).ToList();
        if (history.Count > 0)
        {
            Line(md, "### History (`--last` for every flow held)");
            Line(md, string.Empty);
            Line(md, "| scenario | nodes × ring | clients | relay flows/s | ceiling flows/s | **ratio** | relay query p50 | relay CPU s/Mflow | ceiling CPU s/Mflow | CPU ratio | relay peak RSS | ceiling peak RSS | relay GCs 0/1/2 | ceiling GCs 0/1/2 | thread wake-ups per flow relay / ceiling | errors |");
            Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in history)
            {
                Line(md, $"| {r.Name} | {r.Nodes} × {r.Relay.Flows / Math.Max(1, r.Relay.Queries) / Math.Max(1, r.Nodes)} | {r.Clients} | {r.Relay.FlowsPerSecond:N0} | {Num(r.Ceiling?.FlowsPerSecond, "N0")} | **{Num(r.ThroughputRatio, "0.00")}** | "
                    + $"{Num(r.Relay.QueryP50Ms, "N0")} ms | {Num(r.Relay.CpuSecondsPerMillionFlows, "0.00")} | {Num(r.Ceiling?.CpuSecondsPerMillionFlows, "0.00")} | {Num(r.CpuRatio, "0.00")} | "
                    + $"{r.Relay.PeakRssMb:0} MiB | {Num(r.Ceiling?.PeakRssMb, "0")} MiB | {Gc(r.Relay)} | {Gc(r.Ceiling)} | {Switches(r)} | {r.Relay.Errors + (r.Ceiling?.Errors ?? 0)} |");
            }

            Line(md, string.Empty);
        }

        foreach (var group in report.Scenarios
            .Where(s => s.Kind == ScenarioKind.Follow && s.Group != ScenarioCatalog.Shared && s.Group != ScenarioCatalog.SlowClient && s.SingleRelay is null)
            .GroupBy(s => s.Group))
        {
            Line(md, $"### {Title(group.Key)}");
            Line(md, string.Empty);
            Line(md, "| scenario | nodes (idle) | flows/s per node | clients | offered flows/s | relay flows/s | ceiling flows/s | relay delay p50 / p99 / max ms | ceiling delay p50 / p99 / max ms | late (relay / ceiling) | relay CPU | relay CPU s/Mflow | ceiling CPU s/Mflow | CPU ratio | relay peak RSS | ceiling peak RSS | relay GCs 0/1/2 | ceiling GCs 0/1/2 | thread wake-ups per flow relay / ceiling | warm-up s relay / ceiling | errors |");
            Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in group)
            {
                Line(md, $"| {r.Name} | {r.Nodes} ({r.IdleNodes}) | {r.FlowsPerSecondPerNode:0.##} | {r.Clients} | {Num(r.OfferedFlowsPerSecond, "N0")} | {r.Relay.FlowsPerSecond:N0} | {Num(r.Ceiling?.FlowsPerSecond, "N0")} | "
                    + $"{Delay(r.Relay.Delay)} | {Delay(r.Ceiling?.Delay)} | {r.Relay.LateFlows} / {Num(r.Ceiling?.LateFlows, "0")} | {r.Relay.CpuPercent:0}% | "
                    + $"{Num(r.Relay.CpuSecondsPerMillionFlows, "0.00")} | {Num(r.Ceiling?.CpuSecondsPerMillionFlows, "0.00")} | {Num(r.CpuRatio, "0.00")} | "
                    + $"{r.Relay.PeakRssMb:0} MiB | {Num(r.Ceiling?.PeakRssMb, "0")} MiB | {Gc(r.Relay)} | {Gc(r.Ceiling)} | {Switches(r)} | "
                    + $"{Num(r.Relay.WarmupSeconds, "0.0")} / {Num(r.Ceiling?.WarmupSeconds, "0.0")} | {r.Relay.Errors + (r.Ceiling?.Errors ?? 0)} |");
            }

            Line(md, string.Empty);
        }

        var slow = report.Scenarios.Where(s => s.Group == ScenarioCatalog.SlowClient).ToList();
        if (slow.Count > 0)
        {
            Line(md, "### Slow client (one follow client reading slower than the flows come; memory must stay flat)");
            Line(md, string.Empty);
            Line(md, "| scenario | nodes × flows/s | offered flows/s | client reads flows/s | relay flows/s | relay heap after last GC start → end | relay RSS start → middle → end (peak) | ceiling heap after last GC start → end | ceiling RSS start → middle → end (peak) | relay GCs 0/1/2 | errors |");
            Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in slow)
            {
                Line(md, $"| {r.Name} | {r.Nodes} × {r.FlowsPerSecondPerNode:0.##} | {Num(r.OfferedFlowsPerSecond, "N0")} | {Num(r.ClientReadRate, "N0")} | {r.Relay.FlowsPerSecond:N0} | "
                    + $"{Heap(r.Relay)} | {Rss(r.Relay)} | {Heap(r.Ceiling)} | {(r.Ceiling is { } c ? Rss(c) : "–")} | {Gc(r.Relay)} | {r.Relay.Errors + (r.Ceiling?.Errors ?? 0)} |");
            }

            Line(md, string.Empty);
        }

        SharedSection(md, report.Scenarios.Where(s => s.Group == ScenarioCatalog.Shared).ToList());
        ClusterSection(md, report.Scenarios.Where(s => s.SingleRelay is not null).ToList());

        if (report.Fleets.Count > 0)
        {
            Line(md, "### Fleets (relay connected to every node and quiet, before any query)");
            Line(md, string.Empty);
            Line(md, "| nodes | flows/s per node | ring | relay + ceiling ready in | relay quiet after | relay RSS |");
            Line(md, "|---:|---:|---:|---:|---:|---:|");
            foreach (var f in report.Fleets)
            {
                Line(md, $"| {f.Nodes} | {f.FlowsPerSecondPerNode:0.##} | {f.RingCapacity} | {f.SetupSeconds:0.0} s | {f.QuietSeconds:0.0} s | {f.RelayConnectedRssMb:0} MiB |");
            }

            Line(md, string.Empty);
        }

        if (report.Targets.Count > 0)
        {
            Line(md, "### Targets");
            Line(md, string.Empty);
            Line(md, "| target | scenario | measured | met | margin |");
            Line(md, "|---|---|---:|:---:|---:|");
            foreach (var t in report.Targets)
            {
                Line(md, $"| {t.Target} | {t.Scenario} | {t.Measured} | {(t.Met ? "yes" : "**no**")} | {t.Margin} |");
            }

            Line(md, string.Empty);
        }

        return md.ToString();
    }

    /// <summary>Followers of one query shape: node streams opened and the relay's cost against the first row (1 follower).</summary>
    private static void SharedSection(StringBuilder md, List<ScenarioResult> shared)
    {
        if (shared.Count == 0)
        {
            return;
        }

        Line(md, "### Shared follow streams (followers of one query shape)");
        Line(md, string.Empty);
        Line(md, "| scenario | nodes × flows/s | followers | offered flows/s | relay flows/s | node streams relay / ceiling | relay CPU | relay CPU vs first row | relay CPU s/Mflow | relay delay p50 / p99 / max ms | lost (relay) | relay peak RSS | errors |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = shared[0].Relay.CpuPercent;
        foreach (var r in shared)
        {
            double? relative = baseline > 0 ? r.Relay.CpuPercent / baseline : null;
            Line(md, $"| {r.Name} | {r.Nodes} × {r.FlowsPerSecondPerNode:0.##} | {r.Clients} | {Num(r.OfferedFlowsPerSecond, "N0")} | {r.Relay.FlowsPerSecond:N0} | "
                + $"{Num(r.Relay.NodeStreams, "0")} / {Num(r.Ceiling?.NodeStreams, "0")} | {r.Relay.CpuPercent:0}% | {Num(relative, "0.0")}× | {Num(r.Relay.CpuSecondsPerMillionFlows, "0.00")} | "
                + $"{Delay(r.Relay.Delay)} | {r.Relay.LostFlows} | {r.Relay.PeakRssMb:0} MiB | {r.Relay.Errors + (r.Ceiling?.Errors ?? 0)} |");
        }

        Line(md, string.Empty);
    }

    /// <summary>A relay cluster against one relay: same fleet, same followers, measured one after the other.</summary>
    private static void ClusterSection(StringBuilder md, List<ScenarioResult> cluster)
    {
        if (cluster.Count == 0)
        {
            return;
        }

        Line(md, "### Scale-out (a relay cluster against one relay; followers spread over the replicas)");
        Line(md, string.Empty);
        Line(md, "| scenario | nodes × flows/s | replicas | followers | offered flows/s | flows/s cluster / one relay | delay p50 / p99 / max ms, cluster | delay p50 / p99 / max ms, one relay | late cluster / one | CPU per replica | CPU cluster / one relay | CPU s/Mflow cluster / one | node streams cluster / one | peak RSS per replica / one relay | lost / errors |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in cluster)
        {
            var single = r.SingleRelay!;
            var perReplica = r.Relay.Replicas ?? [];
            Line(md, $"| {r.Name} | {r.Nodes} × {r.FlowsPerSecondPerNode:0.##} | {r.Replicas} | {r.Clients} | {Num(r.OfferedFlowsPerSecond, "N0")} | "
                + $"{r.Relay.FlowsPerSecond:N0} / {single.FlowsPerSecond:N0} | {Delay(r.Relay.Delay)} | {Delay(single.Delay)} | {r.Relay.LateFlows} / {single.LateFlows} | "
                + $"{string.Join(" + ", perReplica.Select(c => c.CpuPercent.ToString("0", CultureInfo.InvariantCulture) + "%"))} | {r.Relay.CpuPercent:0}% / {single.CpuPercent:0}% | "
                + $"{Num(r.Relay.CpuSecondsPerMillionFlows, "0.00")} / {Num(single.CpuSecondsPerMillionFlows, "0.00")} | {Num(r.Relay.NodeStreams, "0")} / {Num(single.NodeStreams, "0")} | "
                + $"{string.Join(" + ", perReplica.Select(c => c.PeakRssMb.ToString("0", CultureInfo.InvariantCulture)))} / {single.PeakRssMb:0} MiB | "
                + $"{r.Relay.LostFlows + single.LostFlows} / {r.Relay.Errors + single.Errors} |");
        }

        Line(md, string.Empty);
    }

    private static string Title(string group) => group switch
    {
        ScenarioCatalog.Follow => "Follow (delay from a flow's `time` to its arrival at the client)",
        ScenarioCatalog.ScaleNodes => "Scale: nodes (1 follow client; active = 10 flows/s per node)",
        ScenarioCatalog.ScaleClients => "Scale: follow clients (10 nodes × 10 flows/s)",
        _ => group,
    };

    private static string Switches(ScenarioResult r) =>
        $"{Num(r.Relay.ContextSwitchesPerFlow, "0.000")} / {Num(r.Ceiling?.ContextSwitchesPerFlow, "0.000")}";

    private static string Gc(TargetResult? target) => target?.Gc is { } gc ? gc.ToString() : "–";

    private static string Heap(TargetResult? target) =>
        $"{Num(target?.StartHeapAfterGcMb, "0")} → {Num(target?.HeapAfterGcMb, "0")} MiB";

    private static string Rss(TargetResult target) =>
        string.Create(CultureInfo.InvariantCulture, $"{Num(target.StartRssMb, "0")} → {Num(target.MidRssMb, "0")} → {target.RssMb:0} ({target.PeakRssMb:0}) MiB");

    private static string Delay(DelaySummary? d) =>
        d is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{d.P50Ms:0.0} / {d.P99Ms:0.0} / {d.MaxMs:0}");

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Num(long? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static void Line(StringBuilder md, FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder md, string text) => md.AppendLine(text);
}

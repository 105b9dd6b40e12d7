using System.Text.Json;
using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

/// <summary>
/// Runs the real driver — fleet, relay process, raw-forwarder process, clients — on a tiny fleet for about a
/// second per scenario, and checks that the numbers it reports are coherent. Timings are never asserted.
/// </summary>
public sealed class E2eDriverSmokeTests
{
    private const int Nodes = 2;
    private const int Ring = 300;

    // The slow reader takes 16 responses at a time, then sleeps until its rate allows more: at 40/s a burst every
    // 0.4 s, so the 0.7 s window always holds one (at 20/s a window could fall between two bursts and count none).
    private const double SlowRate = 40;

    private static readonly FleetShape Fleet = new(Nodes, 50, Ring);

    [Fact]
    public async Task RunAsync_TinyFleet_ReportsCoherentHistoryAndFollowNumbers()
    {
        ScenarioSpec[] scenarios =
        [
            new("history-smoke", ScenarioCatalog.History, ScenarioKind.History, Fleet, 1, 0, TimeSpan.Zero, TimeSpan.Zero, 1),
            new("follow-smoke", ScenarioCatalog.Follow, ScenarioKind.Follow, Fleet, 2, 0, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(700), 0),
            new("slow-smoke", ScenarioCatalog.SlowClient, ScenarioKind.Follow, Fleet, 1, 0, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(700), 0, ClientReadRate: SlowRate),
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var progress = new StringWriter();

        var report = await E2eDriver.RunAsync(scenarios, quick: true, progress, timeout.Token);

        Assert.Equal(["history-smoke", "follow-smoke", "slow-smoke"], report.Scenarios.Select(s => s.Name));
        var history = report.Scenarios[0];
        // Full rings: every node holds a whole ring, so the relay's cut at number = nodes × ring is exact; the
        // forwarder does not cut, and nodes may add what they produce while answering.
        Assert.Equal(Nodes * Ring, history.Relay.Flows);
        Assert.InRange(history.Ceiling!.Flows, Nodes * Ring, 2 * Nodes * Ring);
        foreach (var target in new[] { history.Relay, history.Ceiling })
        {
            Assert.Equal(1, target.Queries);
            Assert.Equal(0, target.Errors);
            AssertSaneCost(target);
        }

        Assert.True(history.ThroughputRatio > 0);

        var follow = report.Scenarios[1];
        foreach (var target in new[] { follow.Relay, follow.Ceiling! })
        {
            Assert.True(target.Flows > 0, $"{target.Target} delivered no flow while following");
            Assert.Equal(0, target.Errors);
            var delay = Assert.IsType<DelaySummary>(target.Delay);
            Assert.Equal(target.Flows, delay.Samples);
            Assert.InRange(delay.P50Ms, 0, delay.P99Ms);
            Assert.InRange(delay.P99Ms, delay.P50Ms, delay.MaxMs);
            Assert.InRange(target.LateFlows, 0, target.Flows);
            AssertSaneCost(target);
        }

        Assert.Equal(Nodes * 50 * 2, follow.OfferedFlowsPerSecond);
        Assert.All([follow.Relay, follow.Ceiling!], t => Assert.True(t.WarmupSeconds >= 0.3, $"{t.Target}: warm-up {t.WarmupSeconds} s"));

        // The slow client reads no faster than its rate (16 responses of slack), from the stream's start.
        var slow = report.Scenarios[2];
        foreach (var target in new[] { slow.Relay, slow.Ceiling! })
        {
            var window = target.Seconds + target.WarmupSeconds!.Value;
            Assert.InRange(target.Flows, 1, (SlowRate * window) + 16);
            Assert.NotNull(target.StartRssMb);
            Assert.InRange(target.MidRssMb ?? 0, 1, target.PeakRssMb);
            Assert.True(target.HeapAfterGcMb > 0, $"{target.Target}: no heap size read");
        }

        Assert.Contains("| slow-smoke |", MarkdownReport.Render(report), StringComparison.Ordinal);
        Assert.Contains(report.Targets, t => t.Scenario == "slow-smoke");
        var fleet = Assert.Single(report.Fleets);
        Assert.Equal(Nodes, fleet.Nodes);
        Assert.True(fleet.RelayConnectedRssMb > 10, $"implausible relay RSS {fleet.RelayConnectedRssMb} MiB");
        Assert.Contains("fleet 2 nodes", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains("| follow-smoke |", MarkdownReport.Render(report), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(3, json.RootElement.GetProperty("scenarios").GetArrayLength());
    }

    private static void AssertSaneCost(TargetResult target)
    {
        Assert.True(target.Seconds > 0, $"{target.Target}: empty window");
        Assert.True(target.CpuSeconds >= 0, $"{target.Target}: negative CPU");
        Assert.True(target.PeakRssMb > 10, $"{target.Target}: implausible peak RSS {target.PeakRssMb} MiB");
        Assert.InRange(target.RssMb, 1, target.PeakRssMb);
        Assert.InRange(target.StartRssMb!.Value, 1, target.PeakRssMb);
        // Both servers export their GC counts; a window sees a non-negative number of each, and gen0 counts them all.
        var gc = Assert.IsType<GcCounts>(target.Gc);
        Assert.InRange(gc.Gen2, 0, gc.Gen1);
        Assert.InRange(gc.Gen1, 0, gc.Gen0);
        Assert.Equal(target.Flows / target.Seconds, target.FlowsPerSecond, 6);
    }
}

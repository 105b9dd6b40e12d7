using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Render_ClusterScenario_SetsTheClusterBesideOneRelay_PerReplicaCostsIncluded()
    {
        var spec = ScenarioCatalog.Select(new E2eOptions(Scenario: "cluster-3x30x100-9")).Single();
        ReplicaCost[] replicas = [new("replica-1", 1.2, 15, 150), new("replica-2", 0.8, 10, 140), new("replica-3", 0.8, 10, 145)];
        var cluster = Result("cluster", 26_900, cpuPercent: 35, p99: 48.5, nodeStreams: 30) with { Replicas = replicas };
        var single = Result("relay", 27_000, cpuPercent: 20, p99: 31.5, nodeStreams: 30);

        var report = new E2eReport(
            DateTimeOffset.UnixEpoch, 30, false, MachineInfo.Read(), null, null, [], [ScenarioResult.From(spec, cluster, null, single)], []);
        var markdown = MarkdownReport.Render(report);

        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| cluster-3x30x100-9 |", StringComparison.Ordinal));
        Assert.Contains("| 3 | 9 | 27,000 | 26,900 / 27,000 |", row, StringComparison.Ordinal);
        Assert.Contains("| 15% + 10% + 10% | 35% / 20% |", row, StringComparison.Ordinal);
        Assert.Contains("| 30 / 30 |", row, StringComparison.Ordinal);
        Assert.Contains("/ 48.5 /", row, StringComparison.Ordinal);
        Assert.Contains("### Scale-out", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### cluster", markdown, StringComparison.Ordinal); // not in a follow section too
    }

    private static TargetResult Result(string target, double flowsPerSecond, double cpuPercent, double p99, int nodeStreams) =>
        new(target, (long)(flowsPerSecond * 8), 8, flowsPerSecond, 9, 0, null, new DelaySummary(1000, 20, p99, p99 + 5), 0, cpuPercent * 0.08,
            cpuPercent, cpuPercent * 0.08 / (flowsPerSecond * 8 / 1e6), 400, 380, nodeStreams);
}

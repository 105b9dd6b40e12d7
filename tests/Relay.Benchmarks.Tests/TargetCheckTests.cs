using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class TargetCheckTests
{
    [Fact]
    public void Evaluate_FollowWithIdleNode_AllowsLatenessPlusTwenty()
    {
        var checks = TargetCheck.Evaluate([], [Follow("follow-10x100-idle1", idle: 1, p99: 115), Follow("follow-10x100", idle: 0, p99: 60)]);

        Assert.Collection(
            checks,
            idle => Assert.True(idle.Met, idle.Margin),
            active =>
            {
                Assert.False(active.Met);
                Assert.Equal("+10.0 ms", active.Margin);
            });
    }

    [Fact]
    public void Evaluate_HistoryRatio_ComparesWithHalfTheCeiling()
    {
        var spec = new ScenarioSpec("history-10x4095", ScenarioCatalog.History, ScenarioKind.History, new FleetShape(10, 0, 4095), 1, 0, TimeSpan.Zero, TimeSpan.Zero, 1);
        var result = ScenarioResult.From(spec, Result(flowsPerSecond: 40), Result(flowsPerSecond: 100));

        var check = Assert.Single(TargetCheck.Evaluate([], [result]));

        Assert.False(check.Met);
        Assert.Equal("40.0 %", check.Measured);
    }

    [Fact]
    public void Evaluate_ThousandNodeFleet_ChecksConnectedMemory()
    {
        var check = Assert.Single(TargetCheck.Evaluate([new FleetSetup(1000, 10, 64, 3, 160)], []));

        Assert.False(check.Met);
        Assert.Equal("+10.0 MiB", check.Margin);
    }

    private static ScenarioResult Follow(string name, int idle, double p99)
    {
        var spec = new ScenarioSpec(name, ScenarioCatalog.Follow, ScenarioKind.Follow, new FleetShape(10, 100, 4095), 1, idle, TimeSpan.Zero, TimeSpan.FromSeconds(1), 0);
        return ScenarioResult.From(spec, Result(1000) with { Delay = new DelaySummary(10, 1, p99, p99) }, null);
    }

    private static TargetResult Result(double flowsPerSecond) =>
        new("relay", (long)flowsPerSecond, 1, flowsPerSecond, 1, 0, null, null, 0, 0.1, 10, 1, 100, 90);
}

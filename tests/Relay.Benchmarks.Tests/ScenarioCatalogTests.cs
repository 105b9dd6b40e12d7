using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class ScenarioCatalogTests
{
    [Fact]
    public void Select_FullTable_CoversEveryIssueScenario()
    {
        var names = ScenarioCatalog.Select(new E2eOptions()).Select(s => s.Name).ToList();

        Assert.Contains("history-10x4095", names);
        Assert.Contains("follow-10x100", names);
        Assert.Contains("follow-10x100-idle1", names);
        Assert.Contains("follow-50x300-idle1", names);
        Assert.Contains("slow-client-50x300", names);
        Assert.Contains("follow-50x1000", names);
        Assert.Contains("scale-nodes-1000-idle", names);
        Assert.Contains("scale-clients-1000", names);
        Assert.Contains("shared-1", names);
        Assert.Contains("shared-1000", names);
        Assert.Contains("cluster-3x30x100-3", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Select_ClusterGroup_FollowsThreeReplicasOnOneFleet()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions(Scenario: ScenarioCatalog.Cluster));

        Assert.Equal(["cluster-3x30x100-3", "cluster-3x30x100-9"], scenarios.Select(s => s.Name));
        Assert.All(scenarios, s => Assert.Equal((3, ScenarioKind.Follow, 30), (s.Replicas, s.Kind, s.Fleet.Nodes)));
        Assert.Single(scenarios.Select(s => s.Fleet).Distinct()); // one cluster for both
        Assert.All(ScenarioCatalog.Select(new E2eOptions(Scenario: ScenarioCatalog.Follow)), s => Assert.Equal(1, s.Replicas));
    }

    [Fact]
    public void Select_FullTable_MeasuringTimeStaysWellUnderFifteenMinutes()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions());

        // Each scenario runs twice (relay and ceiling, or relay cluster and one relay); rigs (a relay cluster's
        // about a minute), settling and the idle waits before the connected memory add about 4 minutes to this, so
        // the warm-ups and windows stay within two thirds of the 15-minute budget (the full table: ~13 minutes).
        var measuring = scenarios.Sum(s => 2 * (s.Warmup + s.Duration).TotalSeconds);
        Assert.True(measuring < 600, $"{measuring} s of warm-ups and measuring windows");
        Assert.All(scenarios, s => Assert.True(s.Kind == ScenarioKind.Follow || s.MaxQueries is > 0 and <= 20));
    }

    [Fact]
    public void Select_FullTable_OnlyTheSlowClientReadsSlowly()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions());

        var slow = Assert.Single(scenarios, s => s.SlowClients);
        Assert.Equal(ScenarioCatalog.SlowClient, slow.Group);
        Assert.True(slow.ClientReadRate <= slow.OfferedFlowsPerSecond / 3);
    }

    [Fact]
    public void Select_Quick_UsesOneSmallFleet()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions(Quick: true));

        Assert.Single(scenarios.Select(s => s.Fleet).Distinct());
        Assert.All(scenarios, s => Assert.True(s.Duration <= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Select_GroupAndDuration_FilterAndOverride()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions(Scenario: ScenarioCatalog.ScaleClients, Duration: TimeSpan.FromSeconds(3)));

        Assert.Equal(4, scenarios.Count);
        Assert.All(scenarios, s => Assert.Equal(TimeSpan.FromSeconds(3), s.Duration));
    }

    [Fact]
    public void Select_CustomShape_RunsHistoryAndFollowOnIt()
    {
        var scenarios = ScenarioCatalog.Select(new E2eOptions(Nodes: 7, Rate: 20, Clients: 2));

        Assert.Equal(["history-7x4095", "follow-7x20"], scenarios.Select(s => s.Name));
        Assert.All(scenarios, s => Assert.Equal(2, s.Clients));
        Assert.Equal(7 * 20 * 2, scenarios[1].OfferedFlowsPerSecond);
    }

    [Fact]
    public void Select_ExactNamesAndPrefixes_CommaSeparated()
    {
        Assert.Equal(
            ["history-10x4095", "follow-50x300"],
            ScenarioCatalog.Select(new E2eOptions(Scenario: "history-10x4095, follow-50x300")).Select(s => s.Name));
        Assert.Equal(
            ["follow-50x300", "follow-50x300-idle1"],
            ScenarioCatalog.Select(new E2eOptions(Scenario: "follow-50x3")).Select(s => s.Name));
    }

    [Fact]
    public void Select_UnknownScenario_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScenarioCatalog.Select(new E2eOptions(Scenario: "nope")));
    }
}

using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class DelaySummaryTests
{
    [Fact]
    public void From_HundredSamples_UsesNearestRank()
    {
        var micros = Enumerable.Range(1, 100).Select(i => i * 1000).Reverse().ToList();

        var summary = DelaySummary.From(micros)!;

        Assert.Equal(new DelaySummary(100, 50, 99, 100), summary);
    }

    [Fact]
    public void From_NoSamples_IsNull()
    {
        Assert.Null(DelaySummary.From([]));
    }
}

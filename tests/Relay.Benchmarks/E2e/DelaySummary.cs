namespace Relay.Benchmarks.E2e;

/// <summary>Delay between a flow's <c>time</c> and its arrival at the client, in milliseconds.</summary>
public sealed record DelaySummary(long Samples, double P50Ms, double P99Ms, double MaxMs)
{
    /// <summary>Percentiles of <paramref name="micros"/> (sorted in place); null when there are none.</summary>
    public static DelaySummary? From(List<int> micros)
    {
        if (micros.Count == 0)
        {
            return null;
        }

        micros.Sort();
        return new DelaySummary(micros.Count, Percentile(micros, 0.50), Percentile(micros, 0.99), micros[^1] / 1000.0);
    }

    // Nearest rank: the smallest sample with at least q of the samples at or below it.
    private static double Percentile(List<int> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)] / 1000.0;
    }
}

using System.Globalization;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Garbage collections as the runtime counts them (<c>GC.CollectionCount</c>): <see cref="Gen0"/> counts every
/// collection, <see cref="Gen1"/> those that reached generation 1 or 2, <see cref="Gen2"/> the full ones.
/// </summary>
public readonly record struct GcCounts(long Gen0, long Gen1, long Gen2)
{
    /// <summary>The Prometheus family both servers export (prometheus-net's name for <c>GC.CollectionCount</c>).</summary>
    public const string MetricName = "dotnet_collection_count_total";

    /// <summary>The relay's gauge of the heap's size after the last collection (what was live then).</summary>
    public const string HeapMetricName = "dotnet_gc_heap_size_bytes";

    public static GcCounts operator -(GcCounts end, GcCounts start) =>
        new(end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2);

    public static GcCounts operator +(GcCounts a, GcCounts b) =>
        new(a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2);

    /// <summary>This process's counts now.</summary>
    public static GcCounts OfThisProcess() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>
    /// Reads <c>dotnet_collection_count_total{generation="N"}</c> for N = 0, 1, 2 from a Prometheus text page;
    /// null when a generation is missing.
    /// </summary>
    public static GcCounts? ParsePrometheus(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var counts = new long?[3];
        foreach (var raw in page.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(MetricName + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.IndexOf('}', StringComparison.Ordinal);
            var labels = line[(MetricName.Length + 1)..Math.Max(MetricName.Length + 1, close)];
            var generation = labels.Split(',').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("generation=", StringComparison.Ordinal));
            if (close < 0 || generation is null
                || !int.TryParse(generation["generation=".Length..].Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var gen)
                || gen is < 0 or > 2
                || !double.TryParse(line[(close + 1)..].Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            counts[gen] = (long)value;
        }

        return counts is [{ } g0, { } g1, { } g2] ? new GcCounts(g0, g1, g2) : null;
    }

    /// <summary>Reads <c>dotnet_gc_heap_size_bytes</c> (bytes) from a Prometheus text page; null when absent.</summary>
    public static double? ParseHeapAfterGc(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var raw in page.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(HeapMetricName + " ", StringComparison.Ordinal)
                && double.TryParse(line[(HeapMetricName.Length + 1)..].Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes))
            {
                return bytes;
            }
        }

        return null;
    }

    /// <summary>The page a process that has no Prometheus exporter serves for its own counts and heap size.</summary>
    public string ToPrometheus(long heapAfterGcBytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"{MetricName}{{generation=\"0\"}} {Gen0}\n{MetricName}{{generation=\"1\"}} {Gen1}\n{MetricName}{{generation=\"2\"}} {Gen2}\n{HeapMetricName} {heapAfterGcBytes}\n");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Gen0}/{Gen1}/{Gen2}");
}

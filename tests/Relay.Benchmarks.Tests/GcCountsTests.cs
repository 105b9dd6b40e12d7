using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Tests;

public sealed class GcCountsTests
{
    [Fact]
    public void ParsePrometheus_PrometheusNetPage_ReadsEveryGeneration()
    {
        const string page = """
            # HELP dotnet_collection_count_total GC collection count
            # TYPE dotnet_collection_count_total counter
            dotnet_collection_count_total{generation="1"} 7
            dotnet_collection_count_total{generation="0"} 42
            dotnet_collection_count_total{generation="2"} 3
            dotnet_total_memory_bytes 123456
            """;

        Assert.Equal(new GcCounts(42, 7, 3), GcCounts.ParsePrometheus(page));
    }

    [Fact]
    public void ParsePrometheus_MissingGeneration_IsNull()
    {
        Assert.Null(GcCounts.ParsePrometheus("dotnet_collection_count_total{generation=\"0\"} 1\n"));
    }

    [Fact]
    public void ToPrometheus_RoundTripsCountsAndHeap()
    {
        var counts = new GcCounts(10, 4, 1);
        var page = counts.ToPrometheus(123_456_789);

        Assert.Equal(counts, GcCounts.ParsePrometheus(page));
        Assert.Equal(123_456_789, GcCounts.ParseHeapAfterGc(page));
    }

    [Fact]
    public void ParseHeapAfterGc_NoGauge_IsNull()
    {
        Assert.Null(GcCounts.ParseHeapAfterGc("dotnet_gc_heap_size_bytes_total 5\n"));
    }

    [Fact]
    public void Subtract_GivesCollectionsInBetween()
    {
        Assert.Equal(new GcCounts(5, 2, 1), new GcCounts(15, 6, 2) - new GcCounts(10, 4, 1));
    }
}

using System.Net.Http;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Reads a server's GC counts from its Prometheus page (<c>GET http://address/metrics</c>): the relay's
/// <c>--metrics-listen-address</c>, the forwarder's <c>--metrics-port</c>. A failed read gives null rather than
/// failing the scenario: GC counts are reported, never required.
/// </summary>
internal sealed class GcCountReader(string address) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http = new() { BaseAddress = new Uri("http://" + address), Timeout = Timeout };

    public string Address => address;

    public async Task<GcReading> ReadAsync(CancellationToken ct)
    {
        try
        {
            var page = await _http.GetStringAsync("/metrics", ct);
            return new GcReading(GcCounts.ParsePrometheus(page), GcCounts.ParseHeapAfterGc(page));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new GcReading(null, null);
        }
    }

    /// <summary>One read of the page: the collection counts, and the heap's size after the last collection (bytes).</summary>
    internal readonly record struct GcReading(GcCounts? Counts, double? HeapAfterGcBytes);

    public void Dispose() => _http.Dispose();
}

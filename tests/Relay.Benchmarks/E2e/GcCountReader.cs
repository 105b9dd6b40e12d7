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

    public async Task<GcCounts?> ReadAsync(CancellationToken ct)
    {
        try
        {
            return GcCounts.ParsePrometheus(await _http.GetStringAsync("/metrics", ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

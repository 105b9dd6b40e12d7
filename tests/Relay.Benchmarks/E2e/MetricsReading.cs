using System.Globalization;
using System.Net.Http;

namespace Relay.Benchmarks.E2e;

/// <summary>Reads one unlabelled gauge or counter from a relay's Prometheus endpoint.</summary>
internal static class MetricsReading
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The value of <paramref name="name"/> at <c>http://<paramref name="address"/>/metrics</c>; null when absent.</summary>
    public static async Task<double?> ValueAsync(string address, string name, CancellationToken ct)
    {
        var text = await Http.GetStringAsync(new Uri($"http://{address}/metrics"), ct);
        return Parse(text, name);
    }

    /// <summary>The value of the sample line <c>name value</c> in an exposition <paramref name="text"/>.</summary>
    public static double? Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}

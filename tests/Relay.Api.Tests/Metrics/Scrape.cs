using System.Globalization;

namespace Relay.Api.Tests.Metrics;

/// <summary>One scrape of a Prometheus text endpoint, parsed into samples and the declared metric types.</summary>
internal sealed class Scrape
{
    private Scrape(IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, string> types, string text)
    {
        Samples = samples;
        Types = types;
        Text = text;
    }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Metric family → its <c># TYPE</c> (counter, gauge, histogram, ...).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public string Text { get; }

    /// <summary>Fetches <c>/metrics</c> from <paramref name="address"/> (host:port) over HTTP/1.1.</summary>
    public static async Task<Scrape> FetchAsync(string address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync(new Uri($"http://{address}/metrics"));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static Scrape Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                samples.Add(Sample.Parse(line));
            }
        }

        return new Scrape(samples, types, text);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include every pair given.</summary>
    public IEnumerable<Sample> Matching(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>The one sample of <paramref name="name"/> with these labels; fails when there is none or several.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) => Assert.Single(Matching(name, labels)).Value;

    /// <summary>The sum over every sample of <paramref name="name"/> with these labels (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Matching(name, labels).Sum(s => s.Value);

    /// <summary>A sample line: <c>name{label="value",...} value</c>.</summary>
    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public static Sample Parse(string line)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace >= 0 ? line[..brace] : line[..space];
            if (brace >= 0)
            {
                var close = line.LastIndexOf('}');
                foreach (var pair in SplitLabels(line[(brace + 1)..close]))
                {
                    labels[pair.Key] = pair.Value;
                }
            }

            var value = line[(space + 1)..] switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            return new Sample(name, labels, value);
        }

        private static IEnumerable<KeyValuePair<string, string>> SplitLabels(string text)
        {
            var i = 0;
            while (i < text.Length)
            {
                var eq = text.IndexOf('=', i);
                var key = text[i..eq].TrimStart(',');
                var value = new System.Text.StringBuilder();
                var j = eq + 2; // past ="
                for (; text[j] != '"'; j++)
                {
                    if (text[j] == '\\')
                    {
                        j++;
                        value.Append(text[j] == 'n' ? '\n' : text[j]);
                    }
                    else
                    {
                        value.Append(text[j]);
                    }
                }

                yield return new(key, value.ToString());
                i = j + 1;
            }
        }
    }
}

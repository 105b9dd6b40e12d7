namespace Relay.Benchmarks.E2e;

/// <summary>
/// The e2e command's options: <c>[--nodes N] [--rate R] [--clients M] [--duration S] [--scenario name|all]
/// [--json out.json] [--markdown out.md] [--quick]</c>.
/// </summary>
/// <param name="Nodes">With <paramref name="Rate"/> or <paramref name="Clients"/>: run one custom history and follow pair instead of the table.</param>
/// <param name="Rate">Flows per second per node of the custom follow scenario.</param>
/// <param name="Clients">Concurrent clients of the custom scenarios.</param>
/// <param name="Duration">Overrides every scenario's measured duration.</param>
/// <param name="Scenario">Comma-separated: scenario names, name prefixes, groups (history, follow, slow-client, scale-nodes, scale-clients, shared, cluster) or <c>all</c>.</param>
/// <param name="JsonPath">Where to write the JSON report.</param>
/// <param name="MarkdownPath">Where to write the markdown table.</param>
/// <param name="Quick">A few seconds in total: small fleets, short windows.</param>
/// <param name="RelayEnvironment">
/// <c>KEY=VALUE[,KEY=VALUE…]</c> set in the relay process's environment, for what-if runs (e.g.
/// <c>DOTNET_gcServer=0</c>); recorded in the report.
/// </param>
/// <param name="RelayDll">Another build of the relay to run, for A/B runs: its <c>hubble-relay.dll</c>, or a published <c>hubble-relay</c> executable; recorded in the report.</param>
public sealed record E2eOptions(
    int? Nodes = null,
    double? Rate = null,
    int? Clients = null,
    TimeSpan? Duration = null,
    string Scenario = "all",
    string? JsonPath = null,
    string? MarkdownPath = null,
    bool Quick = false,
    string? RelayEnvironment = null,
    string? RelayDll = null)
{
    public const string Usage =
        "usage: Relay.Benchmarks e2e [--nodes N] [--rate R] [--clients M] [--duration S] [--scenario name|group|all] "
        + "[--json out.json] [--markdown out.md] [--quick] [--relay-env KEY=VALUE,...] [--relay-dll path/hubble-relay.dll]";

    private static readonly HashSet<string> Known =
        ["--nodes", "--rate", "--clients", "--duration", "--scenario", "--json", "--markdown", "--quick", "--relay-env", "--relay-dll"];

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static E2eOptions Parse(IReadOnlyList<string> args)
    {
        var values = CommandLineValues.Parse(args);
        if (values.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
        {
            throw new ArgumentException($"unknown option {unknown}");
        }

        var options = new E2eOptions(
            values.GetInt("--nodes"),
            values.GetDouble("--rate"),
            values.GetInt("--clients"),
            values.GetDouble("--duration") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            values.Get("--scenario") ?? "all",
            values.Get("--json"),
            values.Get("--markdown"),
            values.Has("--quick"),
            values.Get("--relay-env"),
            values.Get("--relay-dll") is { } dll ? Path.GetFullPath(dll) : null);
        if (options.Nodes is < 1 || options.Clients is < 1 || options.Rate is < 0 || options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--nodes and --clients must be at least 1, --rate at least 0, --duration positive");
        }

        _ = options.ParseRelayEnvironment();
        return options;
    }

    /// <summary>The <see cref="RelayEnvironment"/> pairs.</summary>
    /// <exception cref="ArgumentException">A pair has no <c>=</c> or an empty key.</exception>
    public IReadOnlyDictionary<string, string> ParseRelayEnvironment()
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (RelayEnvironment ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new ArgumentException($"--relay-env: '{pair}' is not KEY=VALUE");
            }

            pairs[pair[..equals]] = pair[(equals + 1)..];
        }

        return pairs;
    }
}

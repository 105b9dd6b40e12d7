namespace Relay.Benchmarks.E2e;

/// <summary>
/// The scenarios of the table. The full table (under 15 minutes on 2 cores): history over 10 and 100 nodes × 4095
/// flows; follow at 10 nodes × 100/s and 50 nodes × 100, 300 and 1000/s, each with one node idle too; one slow
/// follow client on 50 nodes × 300/s; node scale 1–1000 (idle, and active at 10 flows/s per node); client scale
/// 1–1000 follow clients on 10 nodes × 10/s; shared follow streams, 1 and 1000 followers of one query shape on 10
/// nodes × 10/s, with the node streams they open; scale-out, a relay cluster of three replicas (separate processes)
/// against one relay, 30 nodes × 100/s with 3 and 9 followers spread over the replicas.
/// </summary>
public static class ScenarioCatalog
{
    public const string History = "history";
    public const string Follow = "follow";
    public const string ScaleNodes = "scale-nodes";
    public const string ScaleClients = "scale-clients";
    public const string Shared = "shared";
    public const string Cluster = "cluster";
    public const string SlowClient = "slow-client";

    private const int HubbleRing = 4095;
    private const double ScaleRate = 10;

    // A fresh server runs its first queries on unoptimized (tier-0, then instrumented) code: in a profile of the
    // first seconds, a fifth of the relay's CPU was the JIT. Queries back to back for this long come first.
    private static readonly TimeSpan HistoryWarmup = TimeSpan.FromSeconds(3);

    /// <summary>The scenarios <paramref name="options"/> select, in run order (grouped by fleet).</summary>
    public static IReadOnlyList<ScenarioSpec> Select(E2eOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = options.Nodes is not null || options.Rate is not null || options.Clients is not null
            ? Custom(options)
            : options.Quick ? QuickTable() : FullTable();
        var chosen = all.Where(s => Matches(s, options.Scenario, all)).ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"no scenario matches '{options.Scenario}'; known: {string.Join(", ", all.Select(s => s.Name))}");
        }

        return options.Duration is { } duration ? chosen.Select(s => s with { Duration = duration }).ToList() : chosen;
    }

    /// <summary>
    /// A comma-separated list of: <c>all</c>, a group, a scenario's exact name, or else a name prefix (so
    /// <c>follow-50x300</c> is that scenario alone, <c>follow-50x3</c> every scenario starting so).
    /// </summary>
    private static bool Matches(ScenarioSpec spec, string selector, IReadOnlyList<ScenarioSpec> all) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(item =>
            item == "all" || spec.Group == item || spec.Name == item
            || (spec.Name.StartsWith(item, StringComparison.Ordinal) && !all.Any(s => s.Name == item)));

    private static List<ScenarioSpec> FullTable()
    {
        var warmup = TimeSpan.FromSeconds(2);
        var window = TimeSpan.FromSeconds(8);
        var list = new List<ScenarioSpec>
        {
            HistorySpec("history-10x4095", new FleetShape(10, 0, HubbleRing), 1, HistoryWarmup, window, 20),
            HistorySpec("history-100x4095", new FleetShape(100, 0, HubbleRing), 1, HistoryWarmup, window, 10),
        };

        // 10 × 100/s and 50 × 1000/s are the issue's points; 50 × 100/s and 50 × 300/s bracket the busiest load
        // this machine sustains with the fleet and the clients on the same two cores.
        foreach (var (nodes, rate) in new[] { (10, 100.0), (50, 100.0), (50, 300.0), (50, 1000.0) })
        {
            var shape = new FleetShape(nodes, rate, HubbleRing);
            list.Add(FollowSpec($"follow-{nodes}x{rate:0}", Follow, shape, 1, 0, warmup, window));
            list.Add(FollowSpec($"follow-{nodes}x{rate:0}-idle1", Follow, shape, 1, 1, warmup, window));
            if (rate == 300)
            {
                // One client reading 5,000 of the 15,000 flows/s: the warm-up fills every buffer between the nodes and the
                // client, then the window shows whether the query's live memory keeps growing (it must stay flat). At
                // this rate the relay allocates enough for a collection or two in the window, so the live heap is read.
                list.Add(FollowSpec("slow-client-50x300", SlowClient, shape, 1, 0, warmup * 3, window * 1.5) with { ClientReadRate = 5000 });
            }
        }

        foreach (var nodes in new[] { 1, 10, 100, 1000 })
        {
            // Small rings keep 1000 simulated nodes within the driver's memory; follow never reads history.
            var shape = new FleetShape(nodes, ScaleRate, nodes >= 1000 ? 64 : 256);
            // Idle first, so its memory is not what the active run left behind. Nothing flows: the warm-up only lets the
            // query's set-up settle, and the window reads the relay's CPU and memory with the query open — long
            // enough for the relay's idle heap trimmer (5 s periods) to have returned the set-up's garbage.
            list.Add(FollowSpec($"scale-nodes-{nodes}-idle", ScaleNodes, shape, 1, nodes, warmup * 1.25, window * 1.5));
            list.Add(FollowSpec($"scale-nodes-{nodes}-active", ScaleNodes, shape, 1, 0, warmup, window));
            if (nodes == 10)
            {
                foreach (var clients in new[] { 1, 10, 100, 1000 })
                {
                    list.Add(FollowSpec($"scale-clients-{clients}", ScaleClients, shape, clients, 0, warmup, window));
                }

                // One query shape (`hubble observe -f`) for every follower: the relay opens one stream per node
                // whatever their number. 10 × 10/s keeps 1000 followers (100,000 flows/s out) within two cores.
                foreach (var followers in new[] { 1, 1000 })
                {
                    list.Add(FollowSpec($"shared-{followers}", Shared, shape, followers, 0, warmup, TimeSpan.FromSeconds(5)));
                }
            }
        }

        // Three relay processes in one cluster on this machine's two cores, against one relay in the same run: what
        // scale-out costs and keeps (delay, one stream per node), not a speed-up two cores could show.
        var clusterShape = new FleetShape(30, 100, 1024);
        foreach (var followers in new[] { 3, 9 })
        {
            list.Add(FollowSpec($"cluster-3x30x100-{followers}", Cluster, clusterShape, followers, 0, warmup, window) with { Replicas = 3 });
        }

        return list;
    }

    private static List<ScenarioSpec> QuickTable()
    {
        var shape = new FleetShape(2, 50, HubbleRing);
        var warmup = TimeSpan.FromMilliseconds(500);
        var window = TimeSpan.FromSeconds(1);
        return
        [
            HistorySpec("history-2x4095", shape, 1, TimeSpan.Zero, window, 2),
            FollowSpec("follow-2x50", Follow, shape, 2, 0, warmup, window),
            FollowSpec("follow-2x50-idle1", Follow, shape, 1, 1, warmup, window),
            FollowSpec("slow-client-2x50", SlowClient, shape, 1, 0, warmup, window) with { ClientReadRate = 20 },
        ];
    }

    private static List<ScenarioSpec> Custom(E2eOptions options)
    {
        var nodes = options.Nodes ?? 10;
        var rate = options.Rate ?? 100;
        var clients = options.Clients ?? 1;
        var warmup = TimeSpan.FromSeconds(options.Quick ? 0.5 : 2);
        var window = TimeSpan.FromSeconds(options.Quick ? 1 : 8);
        return
        [
            HistorySpec($"history-{nodes}x{HubbleRing}", new FleetShape(nodes, 0, HubbleRing), clients, options.Quick ? TimeSpan.Zero : HistoryWarmup, window, options.Quick ? 2 : 20),
            FollowSpec($"follow-{nodes}x{rate:0.##}", Follow, new FleetShape(nodes, rate, HubbleRing), clients, 0, warmup, window),
        ];
    }

    private static ScenarioSpec HistorySpec(string name, FleetShape shape, int clients, TimeSpan warmup, TimeSpan window, int maxQueries) =>
        new(name, History, ScenarioKind.History, shape, clients, 0, warmup, window, maxQueries);

    private static ScenarioSpec FollowSpec(string name, string group, FleetShape shape, int clients, int idle, TimeSpan warmup, TimeSpan window) =>
        new(name, group, ScenarioKind.Follow, shape, clients, idle, warmup, window, 0);
}

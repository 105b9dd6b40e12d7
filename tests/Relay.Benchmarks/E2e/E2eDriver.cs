using System.Diagnostics;
using System.Globalization;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Runs scenarios: one <see cref="Rig"/> per fleet shape, and in it each scenario first through the relay, then
/// through the raw forwarder, so both numbers (and their ratio) come from the same fleet in the same run.
/// </summary>
public static class E2eDriver
{
    private const double QuietCpuShare = 0.10;
    private static readonly TimeSpan QuietPatience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleBeforeMeasuring = TimeSpan.FromSeconds(10);

    /// <param name="progress">Receives one line per step (rig started, scenario done).</param>
    /// <param name="relayEnvironment">Extra environment for the relay process (what-if runs); none when null.</param>
    /// <param name="relayDll">Another relay build to run (A/B runs); the one copied next to this driver when null.</param>
    public static async Task<E2eReport> RunAsync(
        IReadOnlyList<ScenarioSpec> scenarios,
        bool quick,
        TextWriter progress,
        CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? relayEnvironment = null,
        string? relayDll = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(progress);
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        var setups = new List<FleetSetup>();
        foreach (var group in scenarios.GroupBy(s => s.Fleet))
        {
            var setup = Stopwatch.StartNew();
            var withCeiling = group.Any(s => s.Replicas == 1);
            await using var rig = await Rig.StartAsync(group.Key, relayEnvironment, relayDll, withCeiling, ct);
            var shape = group.Key;
            var ready = setup.Elapsed.TotalSeconds;

            // The relay's memory once connected and idle: after its connection burst (ServerStatus to every node,
            // channels set up) has died down and, for the node-scale fleets whose connected memory is a target, after
            // it has been idle long enough to return its heap's slack (two periods of its idle trimmer).
            var quiet = await rig.Relay.WaitQuietAsync(QuietCpuShare, QuietPatience, ct);
            var idle = quick || !group.Any(s => s.Group == ScenarioCatalog.ScaleNodes) ? TimeSpan.Zero : IdleBeforeMeasuring;
            await Task.Delay(idle, ct);
            setups.Add(new FleetSetup(shape.Nodes, shape.FlowsPerSecond, shape.RingCapacity, ready, rig.Relay.Meter.RssBytes() / (1024.0 * 1024.0), quiet.TotalSeconds));
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed:mm\\:ss}] fleet {group.Key}: relay{(withCeiling ? " and ceiling" : string.Empty)} connected in {ready:0.0} s, relay quiet {quiet.TotalSeconds:0.0} s later, RSS {setups[^1].RelayConnectedRssMb:0} MiB after {idle.TotalSeconds:0} s idle"));
            ReplicaSet? cluster = null;
            try
            {
                foreach (var spec in group)
                {
                    ScenarioResult result;
                    if (spec.Replicas > 1)
                    {
                        if (cluster?.Replicas.Count != spec.Replicas)
                        {
                            cluster?.Dispose();
                            cluster = null;
                            cluster = await ReplicaSet.StartAsync(rig.Fleet.PeerAddress, shape.Nodes, spec.Replicas, relayEnvironment, progress, ct);
                        }

                        result = await RunClusterScenarioAsync(rig, cluster, spec, ct);
                    }
                    else
                    {
                        result = await RunScenarioAsync(rig, spec, ct);
                    }

                    results.Add(result);
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed:mm\\:ss}] {Describe(result)}"));
                }
            }
            finally
            {
                cluster?.Dispose();
            }
        }

        var environment = relayEnvironment is { Count: > 0 } ? string.Join(",", relayEnvironment.Select(p => $"{p.Key}={p.Value}")) : null;
        return new E2eReport(started, total.Elapsed.TotalSeconds, quick, MachineInfo.Read(), environment, relayDll, setups, results, TargetCheck.Evaluate(setups, results));
    }

    private static async Task<ScenarioResult> RunScenarioAsync(Rig rig, ScenarioSpec spec, CancellationToken ct)
    {
        using var paused = rig.PauseNodes(spec.IdleNodes);
        var relay = await RunOnAsync(rig, rig.Relay, spec, ct);
        var ceiling = await RunOnAsync(rig, rig.Ceiling ?? throw new InvalidOperationException("the rig has no ceiling"), spec, ct);
        return ScenarioResult.From(spec, relay, ceiling);
    }

    /// <summary>The clients follow the relay cluster (spread over its replicas), then the single relay, on one fleet.</summary>
    private static async Task<ScenarioResult> RunClusterScenarioAsync(Rig rig, ReplicaSet cluster, ScenarioSpec spec, CancellationToken ct)
    {
        if (spec.Kind != ScenarioKind.Follow)
        {
            throw new NotSupportedException($"{spec.Name}: relay cluster scenarios follow");
        }

        using var paused = rig.PauseNodes(spec.IdleNodes);
        int NodeStreams() => rig.Fleet.Nodes.Sum(n => n.OpenGetFlowsStreams);
        var replicas = await FollowLoad.RunAsync("cluster", cluster.Replicas, spec, ct, NodeStreams);
        foreach (var replica in cluster.Replicas)
        {
            replica.Process.ThrowIfExited();
        }

        var single = await RunOnAsync(rig, rig.Relay, spec, ct);
        return ScenarioResult.From(spec, replicas, ceiling: null, single);
    }

    private static async Task<TargetResult> RunOnAsync(Rig rig, Target target, ScenarioSpec spec, CancellationToken ct)
    {
        target.Process.ThrowIfExited();
        var result = spec.Kind == ScenarioKind.History
            ? await HistoryLoad.RunAsync(target, spec, ct)
            : await FollowLoad.RunAsync(target, spec, ct, () => rig.Fleet.Nodes.Sum(n => n.OpenGetFlowsStreams));
        target.Process.ThrowIfExited();
        return result;
    }

    private static string Describe(ScenarioResult r)
    {
        if (r.SingleRelay is { } single)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Name}: {r.Replicas} replicas {r.Relay.FlowsPerSecond:0} flows/s, p99 {r.Relay.Delay?.P99Ms:0.0} ms, CPU {r.Relay.CpuPercent:0}% "
                + $"({string.Join(" + ", r.Relay.Replicas?.Select(c => c.CpuPercent.ToString("0", CultureInfo.InvariantCulture)) ?? [])}), node streams {r.Relay.NodeStreams}; "
                + $"one relay {single.FlowsPerSecond:0} flows/s, p99 {single.Delay?.P99Ms:0.0} ms, CPU {single.CpuPercent:0}%");
        }

        var delay = r.Relay.Delay is { } d ? string.Create(CultureInfo.InvariantCulture, $", p99 {d.P99Ms:0.0} ms") : string.Empty;
        var ratio = r.ThroughputRatio is { } t ? string.Create(CultureInfo.InvariantCulture, $", {t:0.00}× ceiling") : string.Empty;
        var ceiling = r.Ceiling?.Delay is { } c ? string.Create(CultureInfo.InvariantCulture, $" (ceiling {c.P99Ms:0.0})") : string.Empty;
        var switches = r.Relay.ContextSwitchesPerFlow is { } cs ? string.Create(CultureInfo.InvariantCulture, $", {cs:0.00} switches/flow") : string.Empty;
        var warmup = r.Relay.WarmupSeconds is { } w ? string.Create(CultureInfo.InvariantCulture, $", warm-up {w:0.0} s") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{r.Name}: relay {r.Relay.FlowsPerSecond:0} flows/s{ratio}{delay}{ceiling}, CPU {r.Relay.CpuPercent:0}%, peak RSS {r.Relay.PeakRssMb:0} MiB, GCs {r.Relay.Gc?.ToString() ?? "–"}{switches}{warmup}");
    }
}

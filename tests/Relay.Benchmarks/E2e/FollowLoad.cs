using System.Diagnostics;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Follow latency and throughput: every client opens <c>hubble observe --follow</c> (follow, no history), the
/// streams run for the warm-up and until their delay has settled, then for the measured window every flow's delay
/// (arrival on this machine's clock minus the flow's <c>time</c>, stamped by the fleet on the same clock) is
/// recorded, and flows older than one the client already had are counted as late.
/// </summary>
internal static class FollowLoad
{
    private static readonly TimeSpan FirstFlowPatience = TimeSpan.FromSeconds(10);

    // Settling: a freshly started server runs unoptimized (tier-0 JIT) code for its first seconds and can fall
    // behind a heavy load, then catch up; the window opens once two consecutive steps' largest delays are within
    // the slack of the smallest step seen so far and in both the clients received what the fleet offered in the
    // step (neither falling behind slowly nor catching up on a backlog), or after the cap.
    private static readonly TimeSpan SettleStep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SettleCap = TimeSpan.FromSeconds(10);
    private const double SettleSlackMs = 50;
    private const double SteadyShare = 0.02;
    private const double SteadySlackFlows = 5;

    /// <param name="nodeStreams">Counts the GetFlows streams open on the fleet, read at the end of the window.</param>
    public static Task<TargetResult> RunAsync(Target target, ScenarioSpec spec, CancellationToken ct, Func<int>? nodeStreams = null) =>
        RunAsync(target.Name, [target], spec, ct, nodeStreams);

    /// <summary>
    /// The clients spread over <paramref name="targets"/> in turn (the replicas of a relay cluster); the cost is
    /// every target's, added up, with each one's kept in <see cref="TargetResult.Replicas"/> when there are several.
    /// </summary>
    public static async Task<TargetResult> RunAsync(string name, IReadOnlyList<Target> targets, ScenarioSpec spec, CancellationToken ct, Func<int>? nodeStreams = null)
    {
        var clients = Enumerable.Range(0, spec.Clients).Select(i => new FlowClient(targets[i % targets.Count].Address)).ToArray();
        var readers = clients.Select(_ => new FollowReader(spec.ClientReadRate)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var warmup = Stopwatch.StartNew();
        var running = clients.Select((client, i) => readers[i].ReadAsync(client, stop.Token)).ToArray();
        try
        {
            await Task.Delay(spec.Warmup, ct);
            if (spec.OfferedFlowsPerSecond > 0)
            {
                // A slow start (a loaded machine) must not eat into the window: wait until every stream delivers.
                await WaitForFirstFlowsAsync(readers, ct);
                if (!spec.SlowClients)
                {
                    await SettleAsync(readers, spec.OfferedFlowsPerSecond, ct);
                }
            }

            var warmupSeconds = warmup.Elapsed.TotalSeconds;
            var windows = new List<CostWindow>();
            try
            {
                foreach (var target in targets)
                {
                    windows.Add(await CostWindow.OpenAsync(target, ct));
                }

                foreach (var reader in readers)
                {
                    reader.Measuring = true;
                }

                await Task.Delay(spec.Duration, ct);
                foreach (var reader in readers)
                {
                    reader.Measuring = false;
                }

                var streams = nodeStreams?.Invoke();
                var costs = new List<CostWindow.Cost>();
                foreach (var window in windows)
                {
                    costs.Add(await window.CloseAsync(ct));
                }

                var replicas = targets.Count > 1
                    ? targets.Zip(costs, (t, c) => new ReplicaCost(t.Name, c.CpuSeconds, 100 * c.CpuSeconds / c.Seconds, c.PeakRssMb)).ToList()
                    : null;
                return Summarize(name, readers, CostWindow.Cost.Sum(costs), warmupSeconds) with { NodeStreams = streams, Replicas = replicas };
            }
            finally
            {
                foreach (var window in windows)
                {
                    await window.DisposeAsync();
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task WaitForFirstFlowsAsync(FollowReader[] readers, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(readers.Select(r => r.FirstFlow)).WaitAsync(FirstFlowPatience, ct);
        }
        catch (TimeoutException)
        {
            // Measure anyway: a stream that delivers nothing shows as missing throughput.
        }
    }

    private static async Task SettleAsync(FollowReader[] readers, double offeredFlowsPerSecond, CancellationToken ct)
    {
        foreach (var reader in readers)
        {
            _ = reader.TakeInterval();
        }

        var watch = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        double? smallest = null;
        double? previous = null;
        var steadySteps = 0;
        while (watch.Elapsed < SettleCap)
        {
            await Task.Delay(SettleStep, ct);
            var intervals = readers.Select(r => r.TakeInterval()).ToList();
            var seconds = step.Elapsed.TotalSeconds;
            step.Restart();
            if (intervals.Max(i => i.MaxMs) is not { } largest)
            {
                continue;
            }

            var expected = offeredFlowsPerSecond * seconds;
            var steady = Math.Abs(intervals.Sum(i => i.Flows) - expected) <= Math.Max(SteadyShare * expected, SteadySlackFlows);
            steadySteps = steady ? steadySteps + 1 : 0;
            smallest = Math.Min(smallest ?? largest, largest);
            if (steadySteps >= 2 && previous is { } before && before <= smallest + SettleSlackMs && largest <= smallest + SettleSlackMs)
            {
                return;
            }

            previous = largest;
        }
    }

    private static TargetResult Summarize(string target, FollowReader[] readers, CostWindow.Cost cost, double warmupSeconds)
    {
        // Snapshot under each reader's lock: a reader may still be adding while the window closes.
        long flows = 0;
        long late = 0;
        long lost = 0;
        var errors = 0;
        var delays = new List<int>();
        foreach (var reader in readers)
        {
            reader.AddTo(ref flows, ref late, ref lost, ref errors, delays);
        }

        return new TargetResult(
            target,
            flows,
            cost.Seconds,
            flows / cost.Seconds,
            readers.Length,
            errors,
            null,
            DelaySummary.From(delays),
            late,
            cost.CpuSeconds,
            100 * cost.CpuSeconds / cost.Seconds,
            flows > 0 ? cost.CpuSeconds / (flows / 1e6) : null,
            cost.PeakRssMb,
            cost.RssMb,
            LostFlows: lost,
            StartRssMb: cost.StartRssMb,
            Gc: cost.Gc,
            ContextSwitches: cost.ContextSwitches,
            StartHeapAfterGcMb: cost.StartHeapAfterGcMb,
            HeapAfterGcMb: cost.HeapAfterGcMb,
            WarmupSeconds: warmupSeconds,
            MidRssMb: cost.MidRssMb);
    }
}

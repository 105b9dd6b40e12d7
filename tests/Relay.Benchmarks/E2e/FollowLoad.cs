using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// Follow latency and throughput: every client opens <c>hubble observe --follow</c> (follow, no history), the
/// streams run for the warm-up, then for the measured window every flow's delay (arrival on this machine's clock
/// minus the flow's <c>time</c>, stamped by the fleet on the same clock) is recorded, and flows older than one the
/// client already had are counted as late.
/// </summary>
internal static class FollowLoad
{
    private static readonly TimeSpan FirstFlowPatience = TimeSpan.FromSeconds(10);

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
        var readers = clients.Select(_ => new FollowReader()).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = clients.Select((client, i) => readers[i].ReadAsync(client, stop.Token)).ToArray();
        try
        {
            await Task.Delay(spec.Warmup, ct);
            if (spec.OfferedFlowsPerSecond > 0)
            {
                // A slow start (a loaded machine) must not eat into the window: wait until every stream delivers.
                await WaitForFirstFlowsAsync(readers, ct);
            }

            var windows = targets.Select(t => CostWindow.Open(t.Meter)).ToList();
            try
            {
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
                    costs.Add(await window.CloseAsync());
                }

                var total = new CostWindow.Cost(costs.Max(c => c.Seconds), costs.Sum(c => c.CpuSeconds), costs.Sum(c => c.PeakRssMb), costs.Sum(c => c.RssMb));
                var replicas = targets.Count > 1
                    ? targets.Zip(costs, (t, c) => new ReplicaCost(t.Name, c.CpuSeconds, 100 * c.CpuSeconds / c.Seconds, c.PeakRssMb)).ToList()
                    : null;
                return Summarize(name, readers, total) with { NodeStreams = streams, Replicas = replicas };
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

    private static TargetResult Summarize(string target, FollowReader[] readers, CostWindow.Cost cost)
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
            LostFlows: lost);
    }

    /// <summary>One client's follow stream and what it saw while measuring.</summary>
    private sealed class FollowReader
    {
        private readonly Lock _lock = new();
        private readonly List<int> _delayMicros = [];
        private readonly TaskCompletionSource _firstFlow = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _newestNanos = long.MinValue;
        private long _flows;
        private long _lateFlows;
        private long _lostFlows;
        private int _errors;
        private volatile bool _measuring;

        public bool Measuring
        {
            get => _measuring;
            set => _measuring = value;
        }

        /// <summary>Completes when the stream delivered its first flow.</summary>
        public Task FirstFlow => _firstFlow.Task;

        /// <summary>Adds what was recorded so far to the totals; safe while the stream is still being read.</summary>
        public void AddTo(ref long flows, ref long late, ref long lost, ref int errors, List<int> delays)
        {
            lock (_lock)
            {
                flows += _flows;
                late += _lateFlows;
                lost += _lostFlows;
                errors += _errors;
                delays.AddRange(_delayMicros);
            }
        }

        public async Task ReadAsync(FlowClient client, CancellationToken ct)
        {
            try
            {
                using var call = client.GetFlows(new GetFlowsRequest { Follow = true }, ct);
                while (await call.ResponseStream.MoveNext(ct))
                {
                    var now = FlowClient.NowNanos();
                    var response = call.ResponseStream.Current;
                    if (response.Kind == ResponseKind.Flow && response.TimeNanos is { } time)
                    {
                        Record(time, now);
                    }
                    else if (response.Kind == ResponseKind.LostEvents && _measuring)
                    {
                        RecordLost(response);
                    }
                }
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && ct.IsCancellationRequested)
            {
                // The scenario is over.
            }
            catch (RpcException)
            {
                lock (_lock)
                {
                    _errors++;
                }
            }
        }

        private void RecordLost(RawFlowResponse response)
        {
            var lost = (long)GetFlowsResponse.Parser.ParseFrom(response.Payload).LostEvents.NumEventsLost;
            lock (_lock)
            {
                _lostFlows += lost;
            }
        }

        private void Record(long time, long now)
        {
            _firstFlow.TrySetResult();
            var late = time < _newestNanos;
            _newestNanos = Math.Max(_newestNanos, time);
            if (!_measuring)
            {
                return;
            }

            lock (_lock)
            {
                _flows++;
                _lateFlows += late ? 1 : 0;
                _delayMicros.Add((int)Math.Clamp((now - time) / 1000, int.MinValue, int.MaxValue));
            }
        }
    }
}

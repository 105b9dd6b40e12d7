using System.Diagnostics;
using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// History throughput: each client asks for every flow the fleet holds (<c>number</c> = nodes × ring, as
/// <c>hubble observe --last</c> with a large N), reads the answer to its end, and repeats — at least once, then
/// until the scenario's duration or query limit is reached. Unmeasured queries first warm the server up (at least
/// one, and for the scenario's warm-up).
/// </summary>
internal static class HistoryLoad
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(5);

    public static async Task<TargetResult> RunAsync(Target target, ScenarioSpec spec, CancellationToken ct)
    {
        var request = new GetFlowsRequest { Number = (ulong)spec.HistoryFlows };
        var clients = Enumerable.Range(0, spec.Clients).Select(_ => new FlowClient(target.Address)).ToArray();
        try
        {
            // Unmeasured warm-up: at least one query, and queries back to back for the spec's warm-up, so a freshly
            // started server's hot paths are compiled to optimized code before the window opens.
            var warmup = Stopwatch.StartNew();
            do
            {
                await QueryAsync(clients[0], request, ct);
            }
            while (warmup.Elapsed < spec.Warmup);

            var outcomes = new ClientOutcome[clients.Length];
            await using var window = await CostWindow.OpenAsync(target, ct);
            await Task.WhenAll(clients.Select(async (client, i) => outcomes[i] = await RunClientAsync(client, request, spec, window, ct)));
            var cost = await window.CloseAsync(ct);

            var flows = outcomes.Sum(o => o.Flows);
            var durations = outcomes.SelectMany(o => o.QueryMillis).Order().ToList();
            return new TargetResult(
                target.Name,
                flows,
                cost.Seconds,
                flows / cost.Seconds,
                durations.Count,
                outcomes.Sum(o => o.Errors),
                durations.Count > 0 ? durations[(durations.Count - 1) / 2] : null,
                null,
                0,
                cost.CpuSeconds,
                100 * cost.CpuSeconds / cost.Seconds,
                flows > 0 ? cost.CpuSeconds / (flows / 1e6) : null,
                cost.PeakRssMb,
                cost.RssMb,
                StartRssMb: cost.StartRssMb,
                Gc: cost.Gc,
                ContextSwitches: cost.ContextSwitches,
                StartHeapAfterGcMb: cost.StartHeapAfterGcMb,
                HeapAfterGcMb: cost.HeapAfterGcMb,
                MidRssMb: cost.MidRssMb);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<ClientOutcome> RunClientAsync(FlowClient client, GetFlowsRequest request, ScenarioSpec spec, CostWindow window, CancellationToken ct)
    {
        var outcome = new ClientOutcome();
        while (outcome.QueryMillis.Count < spec.MaxQueries && (outcome.QueryMillis.Count == 0 || window.ElapsedSeconds < spec.Duration.TotalSeconds))
        {
            var watch = Stopwatch.StartNew();
            try
            {
                outcome.Flows += await QueryAsync(client, request, ct);
                outcome.QueryMillis.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (RpcException)
            {
                outcome.Errors++;
                break;
            }
        }

        return outcome;
    }

    /// <summary>Runs one query to its end; returns how many flows it delivered.</summary>
    private static async Task<long> QueryAsync(FlowClient client, GetFlowsRequest request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(QueryTimeout);
        using var call = client.GetFlows(request, timeout.Token);
        long flows = 0;
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            if (call.ResponseStream.Current.Kind == ResponseKind.Flow)
            {
                flows++;
            }
        }

        return flows;
    }

    private sealed class ClientOutcome
    {
        public long Flows { get; set; }

        public int Errors { get; set; }

        public List<double> QueryMillis { get; } = [];
    }
}

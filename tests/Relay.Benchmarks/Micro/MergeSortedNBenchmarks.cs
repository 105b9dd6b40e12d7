using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;
using Relay.Streams.Merging;
using Relay.Streams.Query;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// Cost per merged element of an exact (history) k-way merge of in-memory, time-ordered sources, as the relay merges
/// node responses: <see cref="RawFlowResponse"/> elements ordered by <see cref="RawFlowOrdering"/>. Each invocation
/// materializes the merge once over <see cref="Elements"/> elements split evenly across k inputs; the reported time
/// is per element.
/// </summary>
[MemoryDiagnoser]
public class MergeSortedNBenchmarks
{
    private const int Elements = 100_000;

    private ActorSystem _system = null!;
    private IMaterializer _materializer = null!;
    private RawFlowResponse[][] _inputs = [];

    [Params(2, 10, 100, 1000)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("merge-bench", "akka.loglevel = WARNING");
        _materializer = _system.Materializer();
        var payload = SampleFlows.Response(SampleFlows.Tcp());
        var perInput = Elements / K;
        var start = 1_700_000_000_000_000_000L;
        _inputs = Enumerable.Range(0, K)
            .Select(i =>
            {
                var name = $"node-{i:D4}";
                // Interleaved times across inputs (input i holds i, i+K, i+2K, ... µs), so the merge alternates.
                return Enumerable.Range(0, perInput)
                    .Select(j => new RawFlowResponse(payload, name, start + (((long)j * K) + i) * 1000, ResponseKind.Flow))
                    .ToArray();
            })
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Elements)]
    public async Task<long> Merge()
    {
        var inputs = _inputs.Select((elements, i) => new MergeInput<RawFlowResponse>(elements[0].NodeName, Source.From(elements)));
        return await MergeSortedN.Merge(inputs, RawFlowOrdering.Instance, MergeSortedSettings.History)
            .RunAggregate(0L, (count, _) => count + 1, _materializer);
    }
}

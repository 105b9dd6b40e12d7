using System.Runtime.CompilerServices;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Relay.Streams.Sources;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// Reading a node's GetFlows stream into an Akka graph, per message: Akka's <c>Source.From(IAsyncEnumerable)</c>
/// against <see cref="AsyncEnumerableSource"/>, both over the same gRPC call (loopback h2c, node-sized messages,
/// the server flushing every message or every 64 as a node under load does), drained by a fused counting sink.
/// </summary>
[MemoryDiagnoser]
public class NodeSourceBenchmarks
{
    private const int Messages = 20_000;

    private LoopbackStream _stream = null!;
    private ActorSystem _system = null!;
    private IMaterializer _materializer = null!;

    [Params(false, true)]
    public bool BufferHint { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _stream = await LoopbackStream.StartAsync();
        _system = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        _materializer = _system.Materializer();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _system.Terminate();
        await _stream.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task<int> AkkaAsyncEnumerable() => CountAsync(Source.From(() => ReadAsync(CancellationToken.None)));

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task<int> FastPathSource() => CountAsync(AsyncEnumerableSource.From(() => ReadAsync(CancellationToken.None)));

    private Task<int> CountAsync(Source<byte[], NotUsed> source) =>
        source.Select(m => m.Length).RunWith(Sink.Aggregate<int, int>(0, (n, _) => n + 1), _materializer);

    private async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _stream.Call(Messages, BufferHint, ct);
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }
}

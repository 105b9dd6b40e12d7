using BenchmarkDotNet.Attributes;
using Grpc.Core;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// The gRPC server write path per message over loopback h2c: one call streams <see cref="Messages"/> node-sized
/// responses to a client that reads them all, flushing each message or batching with
/// <see cref="WriteFlags.BufferHint"/> (one flush per 64, as the relay's response writer does).
/// </summary>
[MemoryDiagnoser]
public class GrpcWriteBenchmarks
{
    private const int Messages = 20_000;

    private LoopbackStream _stream = null!;

    [Params(false, true)]
    public bool BufferHint { get; set; }

    [GlobalSetup]
    public async Task Setup() => _stream = await LoopbackStream.StartAsync();

    [GlobalCleanup]
    public async Task Cleanup() => await _stream.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> Stream()
    {
        using var call = _stream.Call(Messages, BufferHint);
        long bytes = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            bytes += call.ResponseStream.Current.Length;
        }

        return bytes;
    }
}

using Grpc.Core;
using Grpc.Net.Client;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// A <see cref="GrpcWriteServer"/> streaming node-sized responses over loopback h2c, and a client channel to it:
/// what the gRPC write and node-source micro benchmarks share.
/// </summary>
internal sealed class LoopbackStream : IAsyncDisposable
{
    private readonly GrpcWriteServer _server;
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    private LoopbackStream(GrpcWriteServer server)
    {
        _server = server;
        _channel = GrpcChannel.ForAddress(server.Address);
        _invoker = _channel.CreateCallInvoker();
    }

    public static async Task<LoopbackStream> StartAsync() =>
        new(await GrpcWriteServer.StartAsync(SampleFlows.Response(SampleFlows.Tcp())));

    /// <summary>One call streaming <paramref name="messages"/> responses, flushed each or, with <paramref name="bufferHint"/>, per 64.</summary>
    public AsyncServerStreamingCall<byte[]> Call(int messages, bool bufferHint, CancellationToken ct = default) =>
        _invoker.AsyncServerStreamingCall(GrpcWriteServer.Stream, null, new CallOptions(cancellationToken: ct), GrpcWriteServer.Request(messages, bufferHint));

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }
}

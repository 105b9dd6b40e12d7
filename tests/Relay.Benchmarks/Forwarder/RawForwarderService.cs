using System.Net.Http;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;

namespace Relay.Benchmarks.Forwarder;

/// <summary>
/// The ceiling: a GetFlows call is sent unchanged to every node and whatever any node answers is written to the
/// client as it arrives — no merge, no ordering, no cut, no actors, no decoding. Node calls push into one bounded
/// channel per client call, so a slow client still backpressures the nodes.
/// </summary>
internal sealed class RawForwarderService : IDisposable
{
    private const int PendingMax = 1024;
    private const int WriteBatchMax = 64;
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private readonly GrpcChannel[] _nodes;

    public RawForwarderService(IReadOnlyList<string> nodeAddresses)
    {
        _nodes = nodeAddresses.Select(address => GrpcChannel.ForAddress(
            "http://" + address,
            new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
                DisposeHttpClient = true,
            })).ToArray();
    }

    public async Task GetFlows(byte[] request, IServerStreamWriter<byte[]> writer, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var pending = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(PendingMax) { SingleReader = true });
        var pumps = _nodes.Select(node => PumpAsync(node, request, pending.Writer, ct)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(_ => pending.Writer.TryComplete(), TaskScheduler.Default);

        var reader = pending.Reader;
        try
        {
            var buffered = 0;
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var response))
                {
                    var more = buffered < WriteBatchMax && reader.TryPeek(out _);
                    writer.WriteOptions = more ? BufferedWrite : null;
                    await writer.WriteAsync(response, ct).ConfigureAwait(false);
                    buffered = more ? buffered + 1 : 0;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; the node calls are cancelled with it.
        }
    }

    public Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerStatusResponse { NumConnectedNodes = (uint)_nodes.Length, NumUnavailableNodes = 0, Version = "raw-forwarder" });

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private static async Task PumpAsync(GrpcChannel node, byte[] request, ChannelWriter<byte[]> pending, CancellationToken ct)
    {
        try
        {
            using var call = node.CreateCallInvoker().AsyncServerStreamingCall(RawMethods.GetFlows, null, new CallOptions(cancellationToken: ct), request);
            while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            {
                await pending.WriteAsync(call.ResponseStream.Current, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            // A node that fails or a cancelled call simply stops contributing; the ceiling reports no errors.
        }
    }
}

using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// An Observer client as <c>hubble observe</c> is one: its own connection, a plain GetFlowsRequest. Responses are
/// read only as far as their top-level <c>node_name</c> and <c>time</c>, so the client's own cost stays small next
/// to what it measures.
/// </summary>
internal sealed class FlowClient : IDisposable
{
    private static readonly Marshaller<GetFlowsRequest> Requests = Marshallers.Create<GetFlowsRequest>(
        (request, context) => context.Complete(Google.Protobuf.MessageExtensions.ToByteArray(request)),
        context => GetFlowsRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    // Deserialization of one message runs on one thread start to end, so a per-thread cache is never shared.
    [ThreadStatic]
    private static NodeNameCache? t_names;

    private static readonly Marshaller<RawFlowResponse> Responses = Marshallers.Create<RawFlowResponse>(
        (response, context) => context.Complete(response.Payload),
        context => RawFlowResponse.Parse(context.PayloadAsNewBuffer(), t_names ??= new NodeNameCache()));

    private static readonly Method<GetFlowsRequest, RawFlowResponse> GetFlowsMethod =
        new(MethodType.ServerStreaming, "observer.Observer", "GetFlows", Requests, Responses);

    private readonly GrpcChannel _channel;

    public FlowClient(string address)
    {
        _channel = GrpcChannel.ForAddress(
            "http://" + address,
            new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
                DisposeHttpClient = true,
                MaxReceiveMessageSize = null,
            });
    }

    /// <summary>Opens a GetFlows call; the caller reads and disposes it.</summary>
    public AsyncServerStreamingCall<RawFlowResponse> GetFlows(GetFlowsRequest request, CancellationToken ct) =>
        _channel.CreateCallInvoker().AsyncServerStreamingCall(GetFlowsMethod, null, new CallOptions(cancellationToken: ct), request);

    public Observer.ObserverClient Observer() => new(_channel);

    public void Dispose() => _channel.Dispose();

    /// <summary>Now as Unix nanoseconds, on the same clock the fleet stamps flows with.</summary>
    public static long NowNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}

using Google.Protobuf;
using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Actors.Nodes;

/// <summary>
/// <c>observer.Observer/GetFlows</c> with responses kept as raw bytes: the client side reads only the merge keys
/// (<see cref="RawFlowResponse.Parse"/>), and a server using the same method writes <see cref="RawFlowResponse.Payload"/>
/// unchanged. Wire-identical to the generated method.
/// </summary>
public static class RawObserverMethods
{
    private const string ServiceName = "observer.Observer";

    // One cache per thread: a marshaller is shared by every stream of every node, and deserialization of one
    // message runs start to end on one thread, so a thread-local cache is never used concurrently.
    [ThreadStatic]
    private static NodeNameCache? t_names;

    /// <summary>GetFlows as a server stream of <see cref="RawFlowResponse"/>.</summary>
    public static Method<GetFlowsRequest, RawFlowResponse> GetFlows { get; } = new(
        MethodType.ServerStreaming,
        ServiceName,
        "GetFlows",
        Marshallers.Create<GetFlowsRequest>(
            (request, context) => context.Complete(request.ToByteArray()),
            context => GetFlowsRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        Marshallers.Create<RawFlowResponse>(
            (response, context) => context.Complete(response.Payload),
            context => RawFlowResponse.Parse(context.PayloadAsNewBuffer(), t_names ??= new NodeNameCache())));
}

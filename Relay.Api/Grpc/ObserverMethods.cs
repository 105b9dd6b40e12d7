using Google.Protobuf;
using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Api.Grpc;

/// <summary>
/// The <c>observer.Observer</c> methods as the relay serves them. GetFlows answers with raw bytes
/// (<see cref="RawFlowResponse"/>) so node responses go to the client exactly as they arrived; every other
/// method uses the generated messages.
/// </summary>
internal static class ObserverMethods
{
    public const string ServiceName = "observer.Observer";

    /// <summary>Writes the stored bytes; the relay never needs to read a GetFlows response it serves.</summary>
    private static readonly Marshaller<RawFlowResponse> RawResponses = Marshallers.Create<RawFlowResponse>(
        (response, context) => context.Complete(response.Payload),
        _ => throw new NotSupportedException("The relay serves GetFlows responses; it does not read them."));

    public static readonly Method<GetFlowsRequest, RawFlowResponse> GetFlows = new(
        MethodType.ServerStreaming, ServiceName, "GetFlows", For(GetFlowsRequest.Parser), RawResponses);

    public static readonly Method<GetAgentEventsRequest, GetAgentEventsResponse> GetAgentEvents = new(
        MethodType.ServerStreaming, ServiceName, "GetAgentEvents", For(GetAgentEventsRequest.Parser), For(GetAgentEventsResponse.Parser));

    public static readonly Method<GetDebugEventsRequest, GetDebugEventsResponse> GetDebugEvents = new(
        MethodType.ServerStreaming, ServiceName, "GetDebugEvents", For(GetDebugEventsRequest.Parser), For(GetDebugEventsResponse.Parser));

    public static readonly Method<GetNodesRequest, GetNodesResponse> GetNodes = new(
        MethodType.Unary, ServiceName, "GetNodes", For(GetNodesRequest.Parser), For(GetNodesResponse.Parser));

    public static readonly Method<GetNamespacesRequest, GetNamespacesResponse> GetNamespaces = new(
        MethodType.Unary, ServiceName, "GetNamespaces", For(GetNamespacesRequest.Parser), For(GetNamespacesResponse.Parser));

    public static readonly Method<ServerStatusRequest, ServerStatusResponse> ServerStatus = new(
        MethodType.Unary, ServiceName, "ServerStatus", For(ServerStatusRequest.Parser), For(ServerStatusResponse.Parser));

    private static Marshaller<T> For<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
}

using Grpc.Core;
using Hubble.Observer;

namespace Relay.Benchmarks.Forwarder;

/// <summary>
/// <c>observer.Observer</c> methods with byte-array messages: the forwarder passes requests and responses through
/// without reading them, which is the cheapest a relay could possibly be.
/// </summary>
internal static class RawMethods
{
    private const string ObserverService = "observer.Observer";

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create<byte[]>(
        (bytes, context) => context.Complete(bytes),
        context => context.PayloadAsNewBuffer());

    public static Method<byte[], byte[]> GetFlows { get; } =
        new(MethodType.ServerStreaming, ObserverService, "GetFlows", Bytes, Bytes);

    public static Method<ServerStatusRequest, ServerStatusResponse> ServerStatus { get; } = new(
        MethodType.Unary,
        ObserverService,
        "ServerStatus",
        Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ServerStatusRequest.Parser.ParseFrom),
        Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ServerStatusResponse.Parser.ParseFrom));
}

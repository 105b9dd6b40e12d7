using Grpc.Core;

namespace Relay.Api.Metrics;

/// <summary>The upstream <c>grpc_type</c> label values.</summary>
internal static class GrpcMethodType
{
    public static string Of(MethodType type) => type switch
    {
        MethodType.Unary => "unary",
        MethodType.ClientStreaming => "client_stream",
        MethodType.ServerStreaming => "server_stream",
        _ => "bidi_stream",
    };
}

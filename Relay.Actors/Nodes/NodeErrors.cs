using Grpc.Core;
using Relay.Actors.Nodes.Tls;

namespace Relay.Actors.Nodes;

/// <summary>Turns call failures into the one-line messages kept as a node's last error.</summary>
internal static class NodeErrors
{
    public static string Describe(Exception error) => error switch
    {
        // A refused handshake: its own message says what is wrong with the certificate, the gRPC wrapping does not.
        RpcException rpc when TlsFailure(rpc.Status.DebugException) is { } tls => $"{rpc.StatusCode}: {tls.Message}",
        RpcException rpc when string.IsNullOrEmpty(rpc.Status.Detail) => rpc.StatusCode.ToString(),
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => TlsFailure(error)?.Message ?? error.Message,
    };

    private static NodeTlsException? TlsFailure(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is NodeTlsException tls)
            {
                return tls;
            }
        }

        return null;
    }
}

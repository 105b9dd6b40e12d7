using Grpc.Core;

namespace Relay.Actors.Nodes;

/// <summary>Turns call failures into the one-line messages kept as a node's last error.</summary>
internal static class NodeErrors
{
    public static string Describe(Exception error) => error switch
    {
        RpcException rpc when string.IsNullOrEmpty(rpc.Status.Detail) => rpc.StatusCode.ToString(),
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => error.Message,
    };
}

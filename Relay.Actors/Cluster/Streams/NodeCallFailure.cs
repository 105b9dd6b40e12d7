using Grpc.Core;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// A node call that failed on the node's owner, carried as data so the caller raises the same
/// <see cref="RpcException"/> (code and detail) a local call would have raised.
/// </summary>
public sealed partial class NodeCallFailure
{
    /// <summary>A failure with this status.</summary>
    public static NodeCallFailure Of(string node, StatusCode code, string detail) =>
        new() { NodeName = node, Code = (int)code, Detail = detail };

    /// <summary>
    /// The failure a node call raised: an <see cref="RpcException"/> keeps its status; anything else becomes
    /// <c>Unknown</c> with the error's message, which is what a local query reports for it.
    /// </summary>
    public static NodeCallFailure From(string node, Exception error) => error switch
    {
        RpcException rpc => Of(node, rpc.StatusCode, rpc.Status.Detail),
        _ => Of(node, StatusCode.Unknown, error.Message),
    };

    /// <summary>The exception the caller raises.</summary>
    public RpcException ToException() => new(new Status((StatusCode)Code, Detail));
}

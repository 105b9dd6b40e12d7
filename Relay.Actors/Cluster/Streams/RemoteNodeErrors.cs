using Akka.Actor;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// What a caller raises when the trouble is between replicas rather than at the node: the owner did not answer,
/// its stream broke off, or it left the cluster. All of them are <c>Unavailable</c>, so a query reports
/// NODE_UNAVAILABLE and re-attaches the node when it is reachable again.
/// </summary>
internal static class RemoteNodeErrors
{
    /// <summary>Keeps a node's own status; turns any other failure into one naming the node's owner.</summary>
    public static RpcException ToRpc(string node, Exception error, CancellationToken callEnded) => error switch
    {
        RpcException rpc => rpc,
        AggregateException { InnerExceptions.Count: 1 } one => ToRpc(node, one.InnerExceptions[0], callEnded), // a kill switch's abort
        _ when callEnded.IsCancellationRequested => new RpcException(new Status(StatusCode.Cancelled, "call ended")),
        AskTimeoutException => Unavailable(node, "its owner did not answer in time"),
        _ => Unavailable(node, $"the stream from its owner broke off ({error.GetType().Name}: {error.Message})"),
    };

    /// <summary>The owner the stream came from cannot be reached any more (or left); a new owner will serve the node.</summary>
    public static RpcException OwnerUnreachable(string node, string owner) =>
        Unavailable(node, $"its owner replica {owner} is unreachable");

    public static RpcException Unexpected(string node, object? answer) =>
        new(new Status(StatusCode.Internal, $"node {node}: its owner answered with {answer?.GetType().Name ?? "nothing"}"));

    private static RpcException Unavailable(string node, string why) =>
        new(new Status(StatusCode.Unavailable, $"node {node}: {why}"));
}

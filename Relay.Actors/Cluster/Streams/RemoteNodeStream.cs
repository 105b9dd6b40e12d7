using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// The caller's side of a node stream served by the node's owner: ask the owner to open it, then stream from the
/// SourceRef it answers with. Demand travels back to the owner (the SourceRef buffers at most its configured
/// capacity), a failure the owner sends as its last element is raised as the node's own status, and anything
/// that breaks between the replicas — or the owner turning unreachable — is raised as <c>Unavailable</c>.
/// </summary>
internal static class RemoteNodeStream
{
    /// <param name="ask">Reaches the node's owner.</param>
    /// <param name="open">The open request; answered with an <see cref="ISourceRef{T}"/> or a <see cref="NodeCallFailure"/>.</param>
    /// <param name="timeout">How long the owner has to answer the open request.</param>
    /// <param name="callEnded">Completes the stream (and so ends the node call on the owner) when it fires.</param>
    /// <param name="owner">The owner this replica believes it reads from, and when that owner is lost (see <see cref="ReplicaReachability"/>): the stream then fails <c>Unavailable</c>.</param>
    public static Source<T, NotUsed> Open<T>(NodeAsk ask, INodeAddressed open, TimeSpan timeout, CancellationToken callEnded, (string Address, CancellationToken Lost)? owner = null)
    {
        var node = open.NodeName;
        return Source.Single(open)
            .SelectAsync(1, message => ask(message, timeout, callEnded))
            .ConcatMany(answer => answer switch
            {
                ISourceRef<object> remote => remote.Source,
                NodeCallFailure failure => Source.Failed<object>(failure.ToException()),
                _ => Source.Failed<object>(RemoteNodeErrors.Unexpected(node, answer)),
            })
            .Select(element => element switch
            {
                T item => item,
                NodeCallFailure failure => throw failure.ToException(),
                _ => throw RemoteNodeErrors.Unexpected(node, element),
            })
            .ViaMaterialized(KillSwitches.Single<T>(), Keep.Right)
            .SelectError(error => RemoteNodeErrors.ToRpc(node, error, callEnded))
            .WatchTermination((killSwitch, done) =>
            {
                var ended = callEnded.Register(killSwitch.Shutdown);
                var lost = owner is { } o
                    ? o.Lost.Register(() => killSwitch.Abort(RemoteNodeErrors.OwnerUnreachable(node, o.Address)))
                    : default;
                done.ContinueWith(
                    _ =>
                    {
                        ended.Dispose();
                        lost.Dispose();
                    },
                    TaskScheduler.Default);
                return NotUsed.Instance;
            });
    }
}

namespace Relay.Actors.Cluster.Entities;

/// <summary>
/// One spell of a replica owning a node: from the entity dialling it to the entity letting it go (its shard moved,
/// the node was deleted, the lease ran out, the node moved address). The calls made through the node's connection
/// in that spell end when it does, with the reason (see <see cref="OwnedNodeClient"/>). Its token source is never
/// disposed: calls may still link to it after the end, and it holds no timer.
/// </summary>
internal sealed class NodeOwnership
{
    private readonly CancellationTokenSource _ended = new();
    private string? _reason;

    /// <param name="node">The node owned.</param>
    /// <param name="replica">The replica owning it (its cluster address), named when its calls end.</param>
    public NodeOwnership(string node, string replica)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(replica);
        Node = node;
        Replica = replica;
    }

    public string Node { get; }

    public string Replica { get; }

    /// <summary>Fires when the ownership ends.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Why it ended; null while it lasts.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Ends the ownership (once; later calls keep the first reason).</summary>
    public void End(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            try
            {
                _ended.Cancel();
            }
            catch (AggregateException)
            {
                // A call's own cancellation callback failed: that call's problem, not the owner's (which must not
                // crash and lose the node's ownership over it). Every other callback has run.
            }
        }
    }
}

namespace Relay.Actors.Peers;

/// <summary>
/// The nodes of the cluster as the Observer service sees them: snapshots and change events, never actors or
/// channels. Thread-safe.
/// </summary>
public interface IPeerDirectory
{
    /// <summary>An immutable snapshot of every known node, ordered by name.</summary>
    IReadOnlyList<NodeEntry> Nodes { get; }

    /// <summary>Where the peer-service subscription stands.</summary>
    PeerServiceStatus PeerService { get; }

    /// <summary>
    /// Calls <paramref name="onChange"/> on every state transition, addition and removal (removal: state
    /// <see cref="NodeState.Gone"/>), in order, outside any lock. Keep it quick and non-blocking. Subscribe before
    /// reading <see cref="Nodes"/> so that no change falls between the two. Dispose the result to unsubscribe.
    /// </summary>
    IDisposable Subscribe(Action<NodeEntry> onChange);

    /// <summary>A query saw the node fail (a transport error, not a node's answer): the node is re-checked now.</summary>
    void ReportNodeFailure(string node, Exception error);

    /// <summary>
    /// True once the first peer list has been received and every node in it had its first connection attempt;
    /// false when <paramref name="timeout"/> passes first.
    /// </summary>
    Task<bool> WaitForInitialSyncAsync(TimeSpan timeout, CancellationToken ct = default);
}

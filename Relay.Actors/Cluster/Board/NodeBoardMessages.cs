using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Board;

/// <summary>The local (in-process) messages of the node board.</summary>
internal static class NodeBoardMessages
{
    /// <summary>An entity of this replica: the state of the node it owns changed.</summary>
    internal sealed record LocalNodeReport(NodeEntry Entry, DateTimeOffset OwnedSince, long Claim);

    /// <summary>An entity of this replica stopped owning the node (claim <paramref name="Claim"/> ends).</summary>
    internal sealed record LocalNodeReleased(string Name, long Claim);

    /// <summary>The peer-service follower starting on this replica asks for the last peer list.</summary>
    internal sealed record PeerListSeedRequest
    {
        private PeerListSeedRequest()
        {
        }

        public static PeerListSeedRequest Instance { get; } = new();
    }

    /// <summary>The answer to <see cref="PeerListSeedRequest"/>.</summary>
    internal sealed record PeerListSeed(IReadOnlyList<PeerInfo> Peers);

    /// <summary>Timer: re-send this replica's whole report to the others.</summary>
    internal sealed record SyncTick
    {
        private SyncTick()
        {
        }

        public static SyncTick Instance { get; } = new();
    }
}

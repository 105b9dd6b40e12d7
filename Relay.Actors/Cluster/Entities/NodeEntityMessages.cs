using Relay.Actors.Peers;

namespace Relay.Actors.Cluster.Entities;

/// <summary>The local messages of <see cref="NodeEntity"/>.</summary>
internal static class NodeEntityMessages
{
    /// <summary>The entity's peer actor changed the node's entry (claim <paramref name="Claim"/>).</summary>
    internal sealed record NodeChanged(long Claim, NodeEntry Entry);

    /// <summary>Timer: no ownership message arrived within the lease.</summary>
    internal sealed record LeaseExpired
    {
        private LeaseExpired()
        {
        }

        public static LeaseExpired Instance { get; } = new();
    }

    /// <summary>From the shard: its nodes move to another replica (the shard's hand-off stop message).</summary>
    internal sealed record HandOff
    {
        private HandOff()
        {
        }

        public static HandOff Instance { get; } = new();
    }

    /// <summary>From the shard after the entity asked to passivate: stop now.</summary>
    internal sealed record Stop
    {
        private Stop()
        {
        }

        public static Stop Instance { get; } = new();
    }
}

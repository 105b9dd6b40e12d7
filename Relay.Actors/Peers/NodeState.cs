namespace Relay.Actors.Peers;

/// <summary>Where a node's connection stands.</summary>
public enum NodeState
{
    /// <summary>Announced; the first connection check has not finished yet.</summary>
    Connecting = 0,

    /// <summary>The last check answered: queries may use the node.</summary>
    Connected = 1,

    /// <summary>The last check failed; retried with backoff.</summary>
    Unavailable = 2,

    /// <summary>Deleted by the peer service (or replaced by an update): its connection is closed.</summary>
    Gone = 3,
}

namespace Relay.Actors.Peers;

/// <summary>Where the subscription to the peer service stands (for readiness logs and metrics).</summary>
public enum PeerServiceState
{
    /// <summary>Subscribed; no notification received yet.</summary>
    Connecting = 0,

    /// <summary>Notifications arrive.</summary>
    Connected = 1,

    /// <summary>The subscription failed; re-subscribing with backoff.</summary>
    Unavailable = 2,

    /// <summary>The address answered Unimplemented for Peer/Notify and is used as a single Hubble node.</summary>
    SingleNode = 3,
}

/// <summary>An immutable view of the peer-service subscription.</summary>
/// <param name="Address">The peer-service address.</param>
/// <param name="State">The subscription state.</param>
/// <param name="ConsecutiveFailures">Failed subscriptions since the last good one.</param>
/// <param name="LastError">The last subscription error, or null.</param>
public sealed record PeerServiceStatus(
    string Address,
    PeerServiceState State,
    int ConsecutiveFailures,
    string? LastError);

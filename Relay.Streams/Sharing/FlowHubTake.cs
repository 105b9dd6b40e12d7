namespace Relay.Streams.Sharing;

/// <summary>What a follower's <see cref="FlowHubSubscription.TryTake"/> found.</summary>
public enum FlowHubTake
{
    /// <summary>Nothing yet: the follower is woken when there is.</summary>
    Empty,

    /// <summary>The next response for the follower.</summary>
    Response,

    /// <summary>The shared stream completed and the follower has read everything.</summary>
    Completed,

    /// <summary>The shared stream failed (see <see cref="FlowHub.Failure"/>) and the follower has read everything.</summary>
    Failed,
}

namespace Relay.Streams.Sharing;

/// <summary>The outcome of <see cref="FlowHub.TryJoin"/>.</summary>
public enum FlowHubJoin
{
    /// <summary>The follower is subscribed.</summary>
    Joined,

    /// <summary>
    /// The follower asks for responses older than the hub can still give (before its upstream's <c>since</c>, or
    /// already out of the replay window): it needs a stream of its own.
    /// </summary>
    NotCovered,

    /// <summary>The hub takes no more followers (it closed, completed or failed): use a new one.</summary>
    Terminated,
}

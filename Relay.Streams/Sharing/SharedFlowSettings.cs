namespace Relay.Streams.Sharing;

/// <summary>How a <see cref="FlowHub"/> buffers for its followers.</summary>
/// <param name="FollowerBufferMax">
/// Responses one follower may have waiting; one more and everything waiting is dropped, the follower is told
/// how much it missed and continues from the newest response.
/// </param>
/// <param name="ReplayMax">
/// Newest responses kept for followers that join later, so a query joining a running stream gets exactly the
/// responses since its start. At most <paramref name="FollowerBufferMax"/>; below it, a joiner's replay leaves
/// room before its buffer overflows.
/// </param>
public sealed record SharedFlowSettings(int FollowerBufferMax, int ReplayMax)
{
    /// <summary>Throws when the numbers cannot work together.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FollowerBufferMax, 1, nameof(FollowerBufferMax));
        ArgumentOutOfRangeException.ThrowIfNegative(ReplayMax, nameof(ReplayMax));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReplayMax, FollowerBufferMax, nameof(ReplayMax));
    }
}

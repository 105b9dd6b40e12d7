using Relay.Streams.Time;

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
    /// <summary>
    /// How far before its first follower's <c>since</c> a shared stream starts, so that queries that started a
    /// little earlier but join a little later (concurrent starts) still share it. Each new shared stream costs
    /// the node this much history once; followers skip what is older than their own <c>since</c>.
    /// </summary>
    public TimeSpan LookBack { get; init; }

    /// <summary>
    /// How old a response may get in the replay window (by its <c>time</c>, against the newest response or the
    /// relay's clock), null for no limit. A joiner asks from its own call's start, a moment ago: older responses
    /// only hold memory, for every node of every shared stream. A joiner asking from before the window reads
    /// that gap from the node first.
    /// </summary>
    public TimeSpan? ReplayAge { get; init; }

    /// <summary><see cref="ReplayAge"/> in nanoseconds; null for no limit.</summary>
    internal long? ReplayAgeNanos => ReplayAge is { } age ? UnixNanos.Of(age) : null;

    /// <summary>Throws when the numbers cannot work together.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FollowerBufferMax, 1, nameof(FollowerBufferMax));
        ArgumentOutOfRangeException.ThrowIfNegative(ReplayMax, nameof(ReplayMax));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReplayMax, FollowerBufferMax, nameof(ReplayMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(LookBack, TimeSpan.Zero, nameof(LookBack));
        if (ReplayAge is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero, nameof(ReplayAge));
        }
    }
}

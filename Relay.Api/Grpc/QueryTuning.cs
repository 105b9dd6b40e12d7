using Relay.Api.Configuration;
using Relay.Streams.Sharing;

namespace Relay.Api.Grpc;

/// <summary>How the Observer service runs its queries; bound from the relay's options at start-up.</summary>
/// <param name="Lateness">Follow mode lateness bound (<c>--sort-lateness</c>).</param>
/// <param name="PerNodeBufferMax">Flows held per node in the merge (<c>--sort-buffer-len-max</c>).</param>
/// <param name="LastNCap">Above this <c>number</c>, history is streamed uncut (and a log line says so).</param>
/// <param name="ErrorWindow">Identical node errors within this window become one event.</param>
/// <param name="NodeCallTimeout">Per-node deadline for ServerStatus and GetNamespaces fan-outs.</param>
public sealed record QueryTuning(
    TimeSpan Lateness,
    int PerNodeBufferMax,
    int LastNCap,
    TimeSpan ErrorWindow,
    TimeSpan NodeCallTimeout)
{
    /// <summary>Each follower's buffer and the replay window of shared follow streams.</summary>
    public SharedFlowSettings SharedFollow { get; init; } = SharedFollowFor(RelayDefaults.SharedFollowBuffer);

    /// <summary>The tuning a relay started with <paramref name="options"/> runs with.</summary>
    public static QueryTuning From(RelayOptions options) => new(
        options.SortLateness,
        options.SortBufferLenMax,
        RelayDefaults.LastNCap,
        RelayDefaults.ErrorAggregationWindow,
        RelayDefaults.NodeCallTimeout)
    {
        SharedFollow = SharedFollowFor(options.SharedFollowBuffer),
    };

    /// <summary>
    /// A shared stream keeps a few responses for queries that join it later (so a joiner gets exactly the flows
    /// since its start), at most half a follower's buffer (a joiner's replay then leaves it room before it
    /// overflows), for as long as it looks back when it starts: joiners start a moment ago, and 1,000 nodes'
    /// windows are memory.
    /// </summary>
    private static SharedFlowSettings SharedFollowFor(int followerBuffer) =>
        new(followerBuffer, Math.Min(followerBuffer / 2, RelayDefaults.SharedReplayMax))
        {
            LookBack = RelayDefaults.SharedFollowLookBack,
            ReplayAge = RelayDefaults.SharedFollowLookBack,
        };
}

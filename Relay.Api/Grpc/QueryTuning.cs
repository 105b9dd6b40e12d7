using Relay.Api.Configuration;

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
    /// <summary>The tuning a relay started with <paramref name="options"/> runs with.</summary>
    public static QueryTuning From(RelayOptions options) => new(
        options.SortLateness,
        options.SortBufferLenMax,
        RelayDefaults.LastNCap,
        RelayDefaults.ErrorAggregationWindow,
        RelayDefaults.NodeCallTimeout);
}

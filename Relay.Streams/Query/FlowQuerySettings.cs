using Hubble.Observer;

namespace Relay.Streams.Query;

/// <summary>Everything one GetFlows call needs besides its nodes.</summary>
/// <param name="Request">The client's request, forwarded to every node as is.</param>
/// <param name="Statuses">Builds the relay's node-status responses.</param>
/// <param name="Clock">The relay clock: the follow boundary and the lateness bound are measured on it.</param>
/// <param name="Lateness">Follow mode: how long a flow waits for older flows from quieter nodes.</param>
/// <param name="PerNodeBufferMax">Flows held per node in the merge (<c>--sort-buffer-len-max</c>).</param>
/// <param name="LastNCap">Above this <c>number</c> the merged history streams uncut instead of being held.</param>
/// <param name="ErrorWindow">How long identical node errors are collected into one event.</param>
public sealed record FlowQuerySettings(
    GetFlowsRequest Request,
    NodeStatusResponses Statuses,
    TimeProvider Clock,
    TimeSpan Lateness,
    int PerNodeBufferMax,
    int LastNCap,
    TimeSpan ErrorWindow)
{
    /// <summary>
    /// The most flows the queried nodes can hold together (the sum of their rings' capacities), when every node's
    /// capacity is known. A last-N at or above it can never drop a flow, so the merge streams instead of holding.
    /// </summary>
    public ulong? NodesCapacity { get; init; }

    /// <summary>True when the request's <c>number</c> is above <see cref="LastNCap"/> and will not be cut.</summary>
    public bool ExceedsLastNCap => !Request.First && Request.Number > (ulong)LastNCap;

    /// <summary>True when a last-N cut could drop flows, so the history must be held until it is complete.</summary>
    public bool NeedsLastNCut =>
        Request is { First: false, Number: > 0 } && !ExceedsLastNCap && !(NodesCapacity is { } capacity && Request.Number >= capacity);
}

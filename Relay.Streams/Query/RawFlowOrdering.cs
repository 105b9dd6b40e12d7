using Relay.Streams.Merging;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// Orders raw node responses by their top-level <c>time</c>. Only flows are ordered; status and lost-events
/// responses are control elements that pass at once.
/// </summary>
public sealed class RawFlowOrdering : IMergeOrdering<RawFlowResponse>
{
    public static RawFlowOrdering Instance { get; } = new();

    private RawFlowOrdering()
    {
    }

    public long? TimeOf(RawFlowResponse element) => element.Kind == ResponseKind.Flow ? element.TimeNanos : null;
}

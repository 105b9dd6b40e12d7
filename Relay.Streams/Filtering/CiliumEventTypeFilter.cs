using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>event_type</c>: the flow's Cilium monitor event has one of the types (0 = any type) and, where the
/// entry asks for it, the sub-type.
/// </summary>
internal sealed class CiliumEventTypeFilter : FlowPredicate
{
    private readonly (int Type, bool MatchSubType, int SubType)[] _wanted;

    private CiliumEventTypeFilter((int, bool, int)[] wanted) => _wanted = wanted;

    public static CiliumEventTypeFilter Create(IEnumerable<EventTypeFilter> values) =>
        new(values.Select(v => (v.Type, v.MatchSubType, v.SubType)).ToArray());

    public override bool Matches(Flow flow)
    {
        var eventType = flow.EventType;
        if (eventType is null)
        {
            return false;
        }

        foreach (var (type, matchSubType, subType) in _wanted)
        {
            if ((type == 0 || type == eventType.Type) && (!matchSubType || subType == eventType.SubType))
            {
                return true;
            }
        }

        return false;
    }
}

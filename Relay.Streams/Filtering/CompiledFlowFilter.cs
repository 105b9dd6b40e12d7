using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>One FlowFilter after compilation: a flow matches when every field that was set matches.</summary>
internal sealed class CompiledFlowFilter(FlowPredicate[] predicates)
{
    public bool Matches(Flow flow)
    {
        foreach (var predicate in predicates)
        {
            if (!predicate.Matches(flow))
            {
                return false;
            }
        }

        return true;
    }
}

using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>Matches when the flow carries a value equal to one of the filter's values (verdicts, UUIDs, ...).</summary>
internal sealed class ValueSetFilter<T>(T[] values, FlowValueReader<T> read) : FlowPredicate
{
    public override bool Matches(Flow flow)
    {
        if (!read(flow, out var value))
        {
            return false;
        }

        foreach (var candidate in values)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return true;
            }
        }

        return false;
    }
}

using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// One compiled FlowFilter field (e.g. all of <c>source_ip</c>): true when the flow satisfies any of its values.
/// Implementations are immutable, compiled once per request, and must not allocate in <see cref="Matches"/>.
/// </summary>
internal abstract class FlowPredicate
{
    public abstract bool Matches(Flow flow);
}

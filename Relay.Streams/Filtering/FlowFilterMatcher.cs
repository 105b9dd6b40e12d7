using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// Decides whether a flow passes a request's whitelist and blacklist, the way a Hubble node does:
/// the whitelist passes a flow when any filter matches (or when it is empty), the blacklist when none does;
/// within one filter every field that is set must match.
/// </summary>
public sealed class FlowFilterMatcher
{
    /// <summary>A matcher that lets every flow through.</summary>
    public static FlowFilterMatcher All { get; } = new();

    private FlowFilterMatcher()
    {
    }

    /// <summary>
    /// Compiles the two lists once per request.
    /// Throws <see cref="UnsupportedFilterException"/> naming the first field that is set but not supported.
    /// </summary>
    public static FlowFilterMatcher Compile(IEnumerable<FlowFilter> whitelist, IEnumerable<FlowFilter> blacklist)
    {
        if (whitelist.Any() || blacklist.Any())
        {
            throw new UnsupportedFilterException("filter", "filters are not implemented yet");
        }

        return All;
    }

    /// <summary>True when the flow passes both lists.</summary>
    public bool Matches(Flow flow) => true;
}

using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// Decides whether a flow passes a request's whitelist and blacklist, the way a Hubble node does:
/// the whitelist passes a flow when any filter matches (or when it is empty), the blacklist when none does;
/// within one filter every field that is set must match, and within one field any value may match.
/// </summary>
public sealed class FlowFilterMatcher
{
    private readonly CompiledFlowFilter[] _whitelist;
    private readonly CompiledFlowFilter[] _blacklist;

    /// <summary>A matcher that lets every flow through.</summary>
    public static FlowFilterMatcher All { get; } = new([], []);

    private FlowFilterMatcher(CompiledFlowFilter[] whitelist, CompiledFlowFilter[] blacklist)
    {
        _whitelist = whitelist;
        _blacklist = blacklist;
    }

    /// <summary>True when both lists are empty, i.e. the matcher passes every flow.</summary>
    public bool IsEmpty => _whitelist.Length == 0 && _blacklist.Length == 0;

    /// <summary>
    /// Compiles the two lists once per request.
    /// Throws <see cref="UnsupportedFilterException"/> naming the first field that is set but not supported,
    /// or whose value cannot be parsed (bad CIDR, regex, label selector, ...).
    /// </summary>
    public static FlowFilterMatcher Compile(IEnumerable<FlowFilter> whitelist, IEnumerable<FlowFilter> blacklist)
    {
        ArgumentNullException.ThrowIfNull(whitelist);
        ArgumentNullException.ThrowIfNull(blacklist);

        var compiledWhitelist = whitelist.Select(FlowFilterCompiler.Compile).ToArray();
        var compiledBlacklist = blacklist.Select(FlowFilterCompiler.Compile).ToArray();
        return compiledWhitelist.Length == 0 && compiledBlacklist.Length == 0
            ? All
            : new FlowFilterMatcher(compiledWhitelist, compiledBlacklist);
    }

    /// <summary>True when the flow passes both lists.</summary>
    public bool Matches(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return PassesWhitelist(flow) && PassesBlacklist(flow);
    }

    private bool PassesWhitelist(Flow flow)
    {
        if (_whitelist.Length == 0)
        {
            return true;
        }

        foreach (var filter in _whitelist)
        {
            if (filter.Matches(flow))
            {
                return true;
            }
        }

        return false;
    }

    private bool PassesBlacklist(Flow flow)
    {
        foreach (var filter in _blacklist)
        {
            if (filter.Matches(flow))
            {
                return false;
            }
        }

        return true;
    }
}

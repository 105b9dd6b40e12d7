using System.Text.RegularExpressions;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>http_url</c>, <c>dns_query</c>: one of the regular expressions matches (unanchored) the text.</summary>
internal sealed class RegexFilter : FlowPredicate
{
    private readonly Regex[] _patterns;
    private readonly Func<Flow, string?> _read;

    private RegexFilter(Regex[] patterns, Func<Flow, string?> read)
    {
        _patterns = patterns;
        _read = read;
    }

    /// <param name="values">The filter's patterns.</param>
    /// <param name="read">The text to match; null when the flow has no such record (never matched).</param>
    public static RegexFilter Create(IEnumerable<string> values, Func<Flow, string?> read) =>
        new(values.Select(FilterRegex.Compile).ToArray(), read);

    public override bool Matches(Flow flow)
    {
        var text = _read(flow);
        if (text is null)
        {
            return false;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}

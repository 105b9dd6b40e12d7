using System.Text.RegularExpressions;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>http_path</c>: one of the regular expressions matches the decoded path of the request URL.</summary>
internal sealed class HttpPathFilter : FlowPredicate
{
    private static readonly PathMatcher<Regex[]> AnyMatches = static (path, patterns) =>
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    };

    private readonly Regex[] _patterns;

    private HttpPathFilter(Regex[] patterns) => _patterns = patterns;

    public static HttpPathFilter Create(IEnumerable<string> values) =>
        new(values.Select(FilterRegex.Compile).ToArray());

    public override bool Matches(Flow flow)
    {
        var url = flow.L7?.Http?.Url;
        return !string.IsNullOrEmpty(url)
            && RequestUriPath.TryGetEscapedPath(url, out var path)
            && RequestUriPath.MatchDecoded(path, _patterns, AnyMatches);
    }
}

using System.Text.RegularExpressions;

namespace Relay.Streams.Filtering;

/// <summary>
/// Compiles the regular expressions of filters. The non-backtracking engine keeps matching linear in the input,
/// as RE2 (Go) does on Hubble nodes, so a client's pattern cannot stall the relay.
/// </summary>
internal static class FilterRegex
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, Options);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"invalid regular expression \"{pattern}\": {e.Message}", e);
        }
    }
}

using System.Text;

namespace Relay.Streams.Filtering;

/// <summary>
/// Turns Hubble's FQDN and node name patterns into one anchored regular expression.
/// FQDN patterns are lower-cased, may end in one dot, and may use <c>*</c> for any run of <c>[-.0-9a-z]</c>.
/// Node name patterns are <c>cluster/node</c> or <c>node</c> (any cluster), each part an FQDN pattern,
/// an empty part matching any name.
/// </summary>
internal static class NamePatterns
{
    private const string AnyName = @"(?:[-0-9_a-z]+(?:\.[-0-9_a-z]+)*)";

    public static string FqdnRegex(IEnumerable<string> patterns) => Join(patterns, AppendFqdn);

    public static string NodeNameRegex(IEnumerable<string> patterns) => Join(patterns, AppendNodeName);

    private static string Join(IEnumerable<string> patterns, Action<StringBuilder, string> append)
    {
        var builder = new StringBuilder(@"\A(?:");
        var first = true;
        foreach (var pattern in patterns)
        {
            if (!first)
            {
                builder.Append('|');
            }

            append(builder, pattern);
            first = false;
        }

        return builder.Append(@")\z").ToString();
    }

    private static void AppendNodeName(StringBuilder builder, string pattern)
    {
        if (pattern.Length == 0)
        {
            throw new FormatException("empty pattern");
        }

        var parts = pattern.Split('/');
        if (parts.Length > 2)
        {
            throw new FormatException($"too many slashes in pattern \"{pattern}\"");
        }

        var (cluster, node) = parts.Length == 2 ? (parts[0], parts[1]) : (string.Empty, parts[0]);
        AppendPart(builder, cluster);
        builder.Append('/');
        AppendPart(builder, node);
    }

    private static void AppendPart(StringBuilder builder, string part)
    {
        if (part.Length == 0)
        {
            builder.Append(AnyName);
        }
        else
        {
            AppendFqdn(builder, part);
        }
    }

    private static void AppendFqdn(StringBuilder builder, string pattern)
    {
        var canonical = pattern.Trim();
        canonical = canonical.EndsWith('.') ? canonical[..^1] : canonical;
        canonical = canonical.ToLowerInvariant();
        if (canonical.Length == 0)
        {
            throw new FormatException("empty pattern");
        }

        if (canonical.EndsWith('.'))
        {
            throw new FormatException($"multiple trailing dots in pattern \"{pattern}\"");
        }

        foreach (var c in canonical)
        {
            switch (c)
            {
                case '.':
                    builder.Append(@"\.");
                    break;
                case '*':
                    builder.Append("[-.0-9a-z]*");
                    break;
                case '-' or '_' or (>= '0' and <= '9') or (>= 'a' and <= 'z'):
                    builder.Append(c);
                    break;
                default:
                    throw new FormatException($"invalid character '{c}' in pattern \"{pattern}\"");
            }
        }
    }
}

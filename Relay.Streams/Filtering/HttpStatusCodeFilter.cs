using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>http_status_code</c>: the response code equals a full code (<c>404</c>) or, written with three digits,
/// starts with a prefix (<c>4+</c>, <c>40+</c>). Flows without a response code never match.
/// </summary>
internal sealed class HttpStatusCodeFilter : FlowPredicate
{
    private readonly string[] _codes;
    private readonly string[] _prefixes;

    private HttpStatusCodeFilter(string[] codes, string[] prefixes)
    {
        _codes = codes;
        _prefixes = prefixes;
    }

    public static HttpStatusCodeFilter Create(IEnumerable<string> values)
    {
        var codes = new List<string>();
        var prefixes = new List<string>();
        foreach (var value in values)
        {
            if (IsFullCode(value))
            {
                codes.Add(value);
            }
            else if (IsPrefix(value))
            {
                prefixes.Add(value[..^1]);
            }
            else
            {
                throw new FormatException($"invalid status code prefix: \"{value}\"");
            }
        }

        return new HttpStatusCodeFilter(codes.ToArray(), prefixes.ToArray());
    }

    public override bool Matches(Flow flow)
    {
        var code = flow.L7?.Http?.Code ?? 0;
        if (code == 0)
        {
            return false;
        }

        Span<char> text = stackalloc char[10];
        code.TryFormat(text, out var written, "D3");
        text = text[..written];
        foreach (var full in _codes)
        {
            if (text.SequenceEqual(full))
            {
                return true;
            }
        }

        foreach (var prefix in _prefixes)
        {
            if (text.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    // [1-5][0-9]{2}
    private static bool IsFullCode(string value) =>
        value.Length == 3 && value[0] is >= '1' and <= '5' && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2]);

    // [1-5][0-9]?\+
    private static bool IsPrefix(string value) =>
        value.Length is 2 or 3 && value[^1] == '+' && value[0] is >= '1' and <= '5'
        && (value.Length == 2 || char.IsAsciiDigit(value[1]));
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Relay.Api.Configuration;

/// <summary>
/// Go's duration syntax (<c>time.ParseDuration</c>), which upstream flags and config use: a signed sequence of
/// decimal numbers with units <c>ns</c>, <c>us</c>/<c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>
/// (<c>5s</c>, <c>100ms</c>, <c>1m30s</c>, <c>1.5h</c>). A bare <c>0</c> is allowed; other bare numbers are not.
/// </summary>
public static class GoDuration
{
    private const decimal NanosPerTick = 100m;
    private const decimal MaxNanos = long.MaxValue; // Go's limit: about 292 years.

    private static readonly (string Unit, decimal Nanos)[] Units =
    [
        ("ns", 1m),
        ("us", 1_000m),
        ("µs", 1_000m), // U+00B5 micro sign
        ("μs", 1_000m), // U+03BC Greek mu
        ("ms", 1_000_000m),
        ("s", 1_000_000_000m),
        ("m", 60_000_000_000m),
        ("h", 3_600_000_000_000m),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string text, out TimeSpan value, [NotNullWhen(false)] out string? problem)
    {
        value = TimeSpan.Zero;
        problem = null;
        var rest = text.AsSpan();
        var negative = false;
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }
        if (rest is "0")
            return true;
        if (rest.IsEmpty)
        {
            problem = $"\"{text}\" is not a duration";
            return false;
        }

        decimal total = 0;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
                digits++;
            var number = rest[..digits];
            if (number.IsEmpty || number is "." || number.IndexOf('.') != number.LastIndexOf('.')
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                problem = $"\"{text}\" is not a duration (expected e.g. 5s, 100ms, 1m30s)";
                return false;
            }
            rest = rest[digits..];

            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
                unitLength++;
            if (unitLength == 0)
            {
                problem = $"\"{text}\" has no unit (expected e.g. 5s, 100ms, 1m30s)";
                return false;
            }
            var unit = rest[..unitLength].ToString();
            var nanos = Array.Find(Units, u => u.Unit == unit).Nanos;
            if (nanos == 0)
            {
                problem = $"\"{text}\" has an unknown unit \"{unit}\" (use ns, us, ms, s, m or h)";
                return false;
            }
            rest = rest[unitLength..];

            total += amount * nanos;
            if (total > MaxNanos)
            {
                problem = $"\"{text}\" is too long a duration";
                return false;
            }
        }

        var ticks = (long)decimal.Truncate(total / NanosPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats a duration the way Go prints one (<c>100ms</c>, <c>5s</c>, <c>1m30s</c>, <c>1h0m0s</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
            return "0s";
        var builder = new StringBuilder();
        var nanos = (decimal)value.Ticks * NanosPerTick;
        if (nanos < 0)
        {
            builder.Append('-');
            nanos = -nanos;
        }

        if (nanos < 1_000m)
            return builder.Append(Number(nanos)).Append("ns").ToString();
        if (nanos < 1_000_000m)
            return builder.Append(Number(nanos / 1_000m)).Append("µs").ToString();
        if (nanos < 1_000_000_000m)
            return builder.Append(Number(nanos / 1_000_000m)).Append("ms").ToString();

        var hours = decimal.Truncate(nanos / 3_600_000_000_000m);
        nanos -= hours * 3_600_000_000_000m;
        var minutes = decimal.Truncate(nanos / 60_000_000_000m);
        nanos -= minutes * 60_000_000_000m;
        if (hours > 0)
            builder.Append(Number(hours)).Append('h');
        if (hours > 0 || minutes > 0)
            builder.Append(Number(minutes)).Append('m');
        return builder.Append(Number(nanos / 1_000_000_000m)).Append('s').ToString();
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}

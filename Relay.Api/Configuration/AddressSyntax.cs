using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Relay.Api.Configuration;

/// <summary>Host and port syntax shared by listen and dial addresses (Go's <c>net.SplitHostPort</c> forms).</summary>
internal static class AddressSyntax
{
    private const int MaxHostNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Splits <c>host:port</c>, <c>:port</c> or <c>[v6]:port</c>; the port part is null when absent.</summary>
    public static bool TrySplit(string text, out string host, out string? port, [NotNullWhen(false)] out string? problem)
    {
        host = "";
        port = null;
        problem = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                problem = "missing ']' after an IPv6 address";
                return false;
            }
            host = text[1..close];
            if (!IsIPv6(host))
            {
                problem = $"\"{host}\" in brackets is not an IPv6 address";
                return false;
            }
            var rest = text[(close + 1)..];
            if (rest.Length == 0)
                return true;
            if (rest[0] != ':')
            {
                problem = $"unexpected \"{rest}\" after ']'";
                return false;
            }
            port = rest[1..];
            return true;
        }

        var colons = text.Count(c => c == ':');
        if (colons == 0)
        {
            host = text;
            return true;
        }
        if (colons > 1)
        {
            if (IsIPv6(text))
            {
                host = text;
                return true;
            }
            problem = "too many colons (write IPv6 addresses in brackets, e.g. [::1]:4245)";
            return false;
        }
        var colon = text.IndexOf(':');
        host = text[..colon];
        port = text[(colon + 1)..];
        return true;
    }

    /// <summary>Checks a host: an IPv4 or IPv6 address, or a DNS name (a trailing dot is allowed).</summary>
    /// <summary>
    /// <see cref="TrySplit"/> on <paramref name="endpoint"/>, requiring a non-empty, valid host; problems quote
    /// <paramref name="text"/>, the setting as written.
    /// </summary>
    public static bool TrySplitHost(string text, string endpoint, out string host, out string? port, [NotNullWhen(false)] out string? problem)
    {
        if (!TrySplit(endpoint, out host, out port, out problem))
        {
            return false;
        }

        if (host.Length == 0)
        {
            problem = $"\"{text}\" names no host";
            return false;
        }

        if (!IsValidHost(host))
        {
            problem = $"\"{host}\" is not a valid host name or IP address";
            return false;
        }

        return true;
    }

    public static bool IsValidHost(string host) => IsIPv6(host) || IsIPv4(host) || IsHostName(host);

    public static bool IsIPv6(string host) =>
        host.Contains(':') && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    // IPAddress.TryParse accepts shorthand such as "1" or "1.2"; only a dotted quad counts as IPv4 here.
    public static bool IsIPv4(string host) =>
        host.Count(c => c == '.') == 3
        && host.All(c => char.IsAsciiDigit(c) || c == '.')
        && IPAddress.TryParse(host, out var ip)
        && ip.AddressFamily == AddressFamily.InterNetwork;

    public static bool IsHostName(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length is 0 or > MaxHostNameLength)
            return false;
        // An all-numeric name that is not a valid IPv4 address (e.g. 999.1.1.1) is a typo, not a name.
        if (name.All(c => char.IsAsciiDigit(c) || c == '.'))
            return false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label.StartsWith('-') || label.EndsWith('-'))
                return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>Parses a decimal port in <paramref name="min"/>..65535.</summary>
    public static bool TryParsePort(string text, int min, out int port, [NotNullWhen(false)] out string? problem)
    {
        port = 0;
        problem = null;
        if (text.Length == 0)
        {
            problem = "missing port number after ':'";
            return false;
        }
        if (!text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port < min
            || port > 65535)
        {
            problem = $"port \"{text}\" is not a number in {min}..65535";
            return false;
        }
        return true;
    }

    /// <summary>Formats host and port the way Go's <c>net.JoinHostPort</c> does (brackets for IPv6).</summary>
    public static string Join(string host, int port) =>
        host.Contains(':')
            ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// <paramref name="address"/> with its port moved up by <paramref name="offset"/> (port 0 stays 0): the n-th of
    /// several relays on one machine. Left as is when it does not parse; validation reports it later.
    /// </summary>
    public static string OffsetPort(string address, int offset)
    {
        if (!TrySplit(address, out var host, out var port, out _) || port is null
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
        {
            return address;
        }

        return Join(host, number + offset);
    }
}

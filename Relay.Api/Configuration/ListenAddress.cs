using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Relay.Api.Configuration;

/// <summary>
/// An address to listen on, as upstream writes it: <c>:4245</c> (every interface), <c>host:4245</c> or
/// <c>[::1]:4245</c>. Port 0 asks the system for a free port.
/// </summary>
/// <param name="Host">The host or IP to bind; null for every interface.</param>
/// <param name="Port">0..65535.</param>
public sealed record ListenAddress(string? Host, int Port)
{
    /// <summary>Whether the address binds every interface (no host, <c>0.0.0.0</c> or <c>::</c>).</summary>
    public bool IsAnyHost => Host is null or "0.0.0.0" or "::";

    public override string ToString() =>
        Host is null ? ":" + Port.ToString(CultureInfo.InvariantCulture) : AddressSyntax.Join(Host, Port);

    /// <summary>Whether two listen addresses would claim the same port (port 0 never collides).</summary>
    public bool Overlaps(ListenAddress other) =>
        Port != 0
        && Port == other.Port
        && (IsAnyHost || other.IsAnyHost || string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a listen address; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out ListenAddress? address,
        [NotNullWhen(false)] out string? problem)
    {
        address = null;
        if (!AddressSyntax.TrySplit(text, out var host, out var portText, out problem))
            return false;
        if (portText is null)
        {
            problem = AddressSyntax.IsIPv6(host)
                ? $"\"{text}\" has no port (write IPv6 addresses in brackets, e.g. [::1]:4245)"
                : $"\"{text}\" has no port (expected host:port, :port or [ipv6]:port)";
            return false;
        }
        if (host.Length > 0 && !AddressSyntax.IsValidHost(host))
        {
            problem = $"\"{host}\" is not a valid host name or IP address";
            return false;
        }
        if (!AddressSyntax.TryParsePort(portText, 0, out var port, out problem))
            return false;
        address = new ListenAddress(host.Length == 0 ? null : host, port);
        return true;
    }
}

using System.Globalization;
using System.Net;

namespace Relay.Actors.Nodes;

/// <summary>
/// A node or peer-service address in the forms the upstream relay accepts: <c>host:port</c>, <c>[v6]:port</c>,
/// a bare IP (default port), <c>dns:///host:port</c>, <c>unix:///path</c> or an absolute socket path.
/// </summary>
public sealed record NodeAddress
{
    /// <summary>The port of a Hubble node's Observer server when an announcement gives only an IP.</summary>
    public const int HubblePort = 4244;

    /// <summary>The port for a peer-service address without one: grpc-go, which upstream dials with, uses 443.</summary>
    public const int PeerServicePort = 443;

    private NodeAddress(string? host, int port, string? socketPath)
    {
        Host = host;
        Port = port;
        SocketPath = socketPath;
    }

    /// <summary>The TCP host (name or IP, without brackets); null for a Unix socket.</summary>
    public string? Host { get; }

    /// <summary>The TCP port; 0 for a Unix socket.</summary>
    public int Port { get; }

    /// <summary>The Unix socket path; null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>Whether this is a Unix domain socket.</summary>
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>Parses <paramref name="address"/>; a TCP address without a port gets <paramref name="defaultPort"/>.</summary>
    /// <exception cref="FormatException">The address is empty or malformed.</exception>
    public static NodeAddress Parse(string address, int defaultPort = HubblePort)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("The address is empty.");
        }

        if (text.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["unix:".Length..];
            path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
            return path.Length == 0
                ? throw new FormatException($"'{address}' names no socket path.")
                : new NodeAddress(null, 0, path);
        }

        if (text.StartsWith('/'))
        {
            return new NodeAddress(null, 0, text);
        }

        if (text.StartsWith("dns:", StringComparison.OrdinalIgnoreCase))
        {
            // dns:[//authority]/host:port — the authority names a DNS server, which the OS resolver replaces.
            var rest = text["dns:".Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = rest.IndexOf('/', 2);
                rest = slash < 0 ? string.Empty : rest[(slash + 1)..];
            }

            text = rest.TrimStart('/');
        }
        else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["http://".Length..].TrimEnd('/');
        }

        return ParseHostPort(text, defaultPort, address);
    }

    /// <summary>The URI a gRPC channel is created for (Unix sockets use a placeholder host).</summary>
    public Uri ToHttpUri() => IsUnixSocket
        ? new Uri("http://localhost")
        : new Uri($"http://{FormatHost(Host!)}:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The canonical form: <c>host:port</c>, <c>[v6]:port</c> or <c>unix://path</c>.</summary>
    public override string ToString() => IsUnixSocket
        ? "unix://" + SocketPath
        : FormatHost(Host!) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    private static NodeAddress ParseHostPort(string text, int defaultPort, string original)
    {
        if (text.Length == 0)
        {
            throw new FormatException($"'{original}' names no host.");
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"'{original}' has an unclosed IPv6 bracket.");
            }

            var host = text[1..close];
            var tail = text[(close + 1)..];
            return tail.Length == 0
                ? new NodeAddress(host, defaultPort, null)
                : tail.StartsWith(':')
                    ? new NodeAddress(host, ParsePort(tail[1..], original), null)
                    : throw new FormatException($"'{original}' has text after the IPv6 address.");
        }

        if (IPAddress.TryParse(text, out var ip) && text.Count(c => c == ':') > 1)
        {
            return new NodeAddress(ip.ToString(), defaultPort, null); // a bare IPv6 address
        }

        var colon = text.LastIndexOf(':');
        return colon < 0
            ? new NodeAddress(text, defaultPort, null)
            : colon == 0
                ? throw new FormatException($"'{original}' names no host.")
                : new NodeAddress(text[..colon], ParsePort(text[(colon + 1)..], original), null);
    }

    private static int ParsePort(string text, string original) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"'{original}' has an invalid port '{text}'.");

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
}

using System.Diagnostics.CodeAnalysis;

namespace Relay.Api.Configuration;

/// <summary>
/// Where the Peer service is: a unix socket (<c>unix:///var/run/cilium/hubble.sock</c>) or a TCP endpoint
/// (<c>host:port</c>, <c>[v6]:port</c>, <c>dns:///host:port</c>; a missing port means
/// <see cref="RelayDefaults.PeerServicePort"/>, as gRPC's DNS resolver does upstream).
/// </summary>
public sealed record PeerServiceAddress
{
    private PeerServiceAddress(string? unixSocketPath, string? host, int port)
    {
        UnixSocketPath = unixSocketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The socket path when the peer service is local; null for TCP.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>The DNS name or IP for TCP; null for a unix socket.</summary>
    public string? Host { get; }

    /// <summary>The TCP port; 0 for a unix socket.</summary>
    public int Port { get; }

    [MemberNotNullWhen(true, nameof(UnixSocketPath))]
    [MemberNotNullWhen(false, nameof(Host))]
    public bool IsUnixSocket => UnixSocketPath is not null;

    public static PeerServiceAddress UnixSocket(string path) => new(path, null, 0);

    public static PeerServiceAddress Tcp(string host, int port) => new(null, host, port);

    /// <summary>The normalised target: <c>unix:///path</c> (<c>unix:path</c> when relative) or <c>host:port</c>.</summary>
    public override string ToString() =>
        !IsUnixSocket ? AddressSyntax.Join(Host, Port)
        : UnixSocketPath.StartsWith('/') ? "unix://" + UnixSocketPath
        : "unix:" + UnixSocketPath;

    /// <summary>Parses a peer-service target; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out PeerServiceAddress? address,
        [NotNullWhen(false)] out string? problem)
    {
        address = null;
        problem = null;
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = text["unix://".Length..];
            if (!path.StartsWith('/') || path.Length == 1)
            {
                problem = $"\"{text}\" needs an absolute socket path (unix:///path/to/hubble.sock)";
                return false;
            }
            address = UnixSocket(path);
            return true;
        }
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text["unix:".Length..];
            if (path.Length == 0)
            {
                problem = $"\"{text}\" names no socket path";
                return false;
            }
            address = UnixSocket(path);
            return true;
        }
        if (text.StartsWith('/'))
        {
            problem = $"\"{text}\" looks like a socket path: write unix://{text}";
            return false;
        }

        var endpoint = text;
        if (text.StartsWith("dns:", StringComparison.Ordinal))
        {
            endpoint = text["dns:".Length..];
            if (endpoint.StartsWith("///", StringComparison.Ordinal))
                endpoint = endpoint[3..];
            else if (endpoint.StartsWith("//", StringComparison.Ordinal))
            {
                problem = $"\"{text}\" names a DNS server; use dns:///host:port";
                return false;
            }
        }
        else if (text.Contains("://", StringComparison.Ordinal))
        {
            var scheme = text[..text.IndexOf("://", StringComparison.Ordinal)];
            problem = $"unsupported scheme \"{scheme}\" (expected unix:///path, host:port or dns:///host:port)";
            return false;
        }

        return TryParseEndpoint(text, endpoint, out address, out problem);
    }

    private static bool TryParseEndpoint(
        string text,
        string endpoint,
        [NotNullWhen(true)] out PeerServiceAddress? address,
        [NotNullWhen(false)] out string? problem)
    {
        address = null;
        if (!AddressSyntax.TrySplitHost(text, endpoint, out var host, out var portText, out problem))
            return false;
        var port = RelayDefaults.PeerServicePort;
        if (portText is not null && !AddressSyntax.TryParsePort(portText, 1, out port, out problem))
            return false;
        address = Tcp(host, port);
        return true;
    }
}

using System.Net.Http;
using System.Net.Sockets;
using Grpc.Net.Client;
using Relay.Actors.Nodes.Tls;

namespace Relay.Actors.Nodes;

/// <summary>
/// Builds the gRPC channels to nodes and to the peer service: one <see cref="SocketsHttpHandler"/> per channel,
/// several HTTP/2 connections when one is full (so concurrent queries never queue behind a node's stream limit),
/// the dial timeout on connect, TCP keepalive so a dead peer is noticed within seconds on an idle stream, and
/// HTTP/2 pings kept within what grpc-go servers tolerate. With <see cref="NodeConnectionSettings.Tls"/>, every TCP
/// connection is TLS (see <see cref="NodeTlsHandshake"/>), handshaken with the material current at that moment;
/// Unix sockets stay cleartext, as upstream dials the local Hubble socket.
/// </summary>
public sealed class NodeChannelFactory
{
    // Linux TCP_USER_TIMEOUT (IPPROTO_TCP = 6, option 18): bounds how long sent data may stay unacknowledged,
    // which keepalive alone does not cover once a ping or window update is in flight to a dead peer.
    private const int IpProtoTcp = 6;
    private const int TcpUserTimeout = 18;

    private readonly NodeConnectionSettings _settings;

    /// <summary>Creates a factory building channels with <paramref name="settings"/>.</summary>
    public NodeChannelFactory(NodeConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The settings channels are built with.</summary>
    public NodeConnectionSettings Settings => _settings;

    /// <summary>A channel to <paramref name="address"/>: TLS when configured, else h2c. Does not dial: the first call does.</summary>
    /// <param name="address">See <see cref="NodeAddress.Parse"/>.</param>
    /// <param name="tlsServerName">The name the server's certificate must carry (sent as SNI); the address's host when null.</param>
    /// <param name="defaultPort">The port for an address that names none.</param>
    /// <exception cref="FormatException">The address is malformed.</exception>
    public GrpcChannel Create(string address, string? tlsServerName, int defaultPort = NodeAddress.HubblePort)
    {
        var target = NodeAddress.Parse(address, defaultPort);
        var serverName = string.IsNullOrEmpty(tlsServerName) ? target.Host : tlsServerName;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = _settings.DialTimeout,
            KeepAlivePingDelay = _settings.Http2PingDelay,
            KeepAlivePingTimeout = _settings.Http2PingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectCallback = target.SocketPath is { } path
                ? (_, ct) => ConnectUnixAsync(path, ct)
                : (context, ct) => ConnectTcpAsync(context.DnsEndPoint, serverName!, ct),
        };
        // With TLS the address is https: the request's :scheme must say so (Kestrel refuses a mismatch), and the
        // handler uses the SslStream ConnectTcpAsync returns as it is instead of adding its own TLS.
        var uri = _settings.Tls is not null && !target.IsUnixSocket
            ? new UriBuilder(target.ToHttpUri()) { Scheme = Uri.UriSchemeHttps }.Uri
            : target.ToHttpUri();
        return GrpcChannel.ForAddress(
            uri,
            new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectTcpAsync(System.Net.DnsEndPoint endPoint, string serverName, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                ConfigureKeepAlive(socket);
            }
            catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
            {
                // Best effort: without it a dead peer is still noticed by the HTTP/2 ping, only later.
            }

            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        return _settings.Tls is { } tls
            ? await NodeTlsHandshake.AuthenticateAsync(stream, serverName, tls, ct).ConfigureAwait(false)
            : stream;
    }

    private void ConfigureKeepAlive(Socket socket)
    {
        var idle = (int)Math.Max(1, _settings.TcpKeepAliveTime.TotalSeconds);
        var interval = (int)Math.Max(1, _settings.TcpKeepAliveInterval.TotalSeconds);
        var probes = Math.Max(1, _settings.TcpKeepAliveProbes);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, interval);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, probes);
        if (OperatingSystem.IsLinux())
        {
            var deadAfterMs = checked((uint)((idle + (interval * probes)) * 1000));
            socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeout, BitConverter.GetBytes(deadAfterMs));
        }
    }
}

using Relay.Actors.Peers;

namespace Relay.Actors.Nodes;

/// <summary>How channels to nodes and to the peer service are built.</summary>
public sealed record NodeConnectionSettings
{
    /// <summary>TCP/UDS connect timeout (<c>--dial-timeout</c>).</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent to nodes in the <c>hubble-relay-version</c> header.</summary>
    public string RelayVersion { get; init; } = "";

    /// <summary>Client TLS; null for cleartext h2c (<c>--disable-client-tls</c>).</summary>
    public NodeTlsSettings? Tls { get; init; }

    /// <summary>
    /// HTTP/2 ping after this long without a frame from the node, while calls are open. Hubble nodes are grpc-go
    /// servers with the default keepalive policy, which answers a client that pings more often than every
    /// 5 minutes on a quiet connection with GOAWAY <c>too_many_pings</c> (killing every stream on it), so the
    /// default stays at 5 minutes and fast dead-peer detection is left to TCP keepalive below.
    /// </summary>
    public TimeSpan Http2PingDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an HTTP/2 ping may go unanswered before the connection is dropped.</summary>
    public TimeSpan Http2PingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>TCP keepalive: idle time before the first probe. The kernel answers these, not gRPC.</summary>
    public TimeSpan TcpKeepAliveTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>TCP keepalive: time between unanswered probes.</summary>
    public TimeSpan TcpKeepAliveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>TCP keepalive: unanswered probes before the connection is declared dead.</summary>
    public int TcpKeepAliveProbes { get; init; } = 3;

    /// <summary>The connection settings that go with the peer manager's settings (dial timeout, version).</summary>
    public static NodeConnectionSettings From(PeerManagerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new NodeConnectionSettings { DialTimeout = settings.DialTimeout, RelayVersion = settings.RelayVersion };
    }
}

using System.Security.Cryptography.X509Certificates;

namespace Relay.Fleet.Tls;

/// <summary>
/// TLS on every fleet port, as Hubble serves it: each node presents the certificate for its TLS server name
/// (<c>&lt;node&gt;.&lt;cluster&gt;.hubble-grpc.cilium.io</c>), the peer service the one for
/// <c>hubble-peer.&lt;cluster&gt;.hubble-grpc.cilium.io</c>.
/// </summary>
public sealed record FleetTlsOptions
{
    /// <summary>
    /// The certificate (with its private key) the port serving this TLS name presents. Asked at every handshake,
    /// so a test can rotate a node's certificate or give one node a certificate from another CA.
    /// </summary>
    public required Func<string, X509Certificate2> CertificateFor { get; init; }

    /// <summary>When set, clients must present a certificate issued by one of these CAs (mTLS), as Hubble with client CAs.</summary>
    public X509Certificate2Collection? ClientAuthorities { get; init; }
}

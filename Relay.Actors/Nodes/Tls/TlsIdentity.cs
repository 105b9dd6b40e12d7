using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Actors.Nodes.Tls;

/// <summary>
/// A certificate with its private key, and the chain sent with it in a handshake: what a TLS server presents,
/// or a client for mTLS.
/// </summary>
public sealed class TlsIdentity
{
    /// <summary>Wraps <paramref name="certificate"/> (which must carry its private key) and its intermediates.</summary>
    public TlsIdentity(X509Certificate2 certificate, X509Certificate2Collection intermediates)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(intermediates);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }

        Certificate = certificate;

        // Offline: building the context must not fetch anything (OCSP, missing intermediates) from the network.
        Context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    /// <summary>The leaf certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The leaf and its intermediates, ready for <see cref="SslStream"/>.</summary>
    public SslStreamCertificateContext Context { get; }
}

using System.Net.Security;
using System.Security.Authentication;

namespace Relay.Actors.Nodes.Tls;

/// <summary>
/// The client side of a TLS handshake with a node or the peer service, on a connection already open: TLS 1.3 only
/// (upstream's minimum), HTTP/2 by ALPN, the server name sent (SNI) and verified, the chain checked against the configured CAs only, the relay's
/// certificate presented when it has one. A refused certificate fails with a message saying what is wrong with it.
/// </summary>
internal static class NodeTlsHandshake
{
    public static async ValueTask<Stream> AuthenticateAsync(Stream transport, string serverName, NodeTlsSettings tls, CancellationToken ct)
    {
        string? problem = null;
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            CertificateChainPolicy = CertificateTrust.Policy(tls.ServerAuthorities(), CertificateTrust.ServerAuthentication),
            ClientCertificateContext = tls.ClientIdentity?.Invoke().Context,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                problem = CertificateTrust.Problem(certificate, chain, errors, serverName);
                return problem is null;
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new NodeTlsException(
                problem is null
                    ? $"TLS handshake with \"{serverName}\" failed: {e.Message}"
                    : $"TLS handshake with \"{serverName}\" failed, certificate problem: {problem}",
                e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

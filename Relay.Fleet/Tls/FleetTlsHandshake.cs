using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Relay.Fleet.Tls;

/// <summary>The server side of a fleet port's handshake: the certificate of the name served on the port the client reached.</summary>
internal static class FleetTlsHandshake
{
    /// <param name="tls">The fleet's TLS options.</param>
    /// <param name="serverNameOfPort">The TLS name served on a local port; null when nothing is served there.</param>
    public static TlsHandshakeCallbackOptions Options(FleetTlsOptions tls, Func<int, string?> serverNameOfPort) => new()
    {
        OnConnection = context =>
        {
            var port = (context.Connection.LocalEndPoint as IPEndPoint)?.Port ?? 0;
            var name = serverNameOfPort(port) ?? throw new AuthenticationException($"nothing is served on port {port}");
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificate = tls.CertificateFor(name),
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            };
            if (tls.ClientAuthorities is { } authorities)
            {
                options.ClientCertificateRequired = true;
                options.CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                };
                options.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
                options.RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && errors == SslPolicyErrors.None;
            }

            return ValueTask.FromResult(options);
        },
    };
}

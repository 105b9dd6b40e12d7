using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes.Tls;

namespace Relay.Api.Tls;

/// <summary>
/// The relay server's side of each client handshake, built per connection from the material current at that moment
/// (so a reloaded certificate or CA list applies to the next connection): TLS 1.3 (upstream's minimum), HTTP/2 by
/// ALPN and, with client CAs (mTLS), a client certificate chaining to one of them, else the handshake fails.
/// </summary>
internal sealed class ServerTlsHandshake
{
    private readonly CertificateWatcher<TlsIdentity> _identity;
    private readonly CertificateWatcher<X509Certificate2Collection>? _clientAuthorities;
    private readonly ILogger _logger;

    public ServerTlsHandshake(
        CertificateWatcher<TlsIdentity> identity, CertificateWatcher<X509Certificate2Collection>? clientAuthorities, ILogger logger)
    {
        _identity = identity;
        _clientAuthorities = clientAuthorities;
        _logger = logger;
    }

    /// <summary>What Kestrel's <c>UseHttps</c> takes.</summary>
    public TlsHandshakeCallbackOptions KestrelOptions() => new() { OnConnection = context => ValueTask.FromResult(For(context)) };

    private SslServerAuthenticationOptions For(TlsHandshakeCallbackContext context)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _identity.Current.Context,
            EnabledSslProtocols = SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        };
        if (_clientAuthorities is { } authorities)
        {
            var remote = context.Connection.RemoteEndPoint?.ToString() ?? "an unknown address";
            options.ClientCertificateRequired = true;
            options.CertificateChainPolicy = CertificateTrust.Policy(authorities.Current, CertificateTrust.ClientAuthentication);
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                var problem = CertificateTrust.Problem(certificate, chain, errors, expectedName: null);
                if (problem is not null)
                {
                    RelayTlsLog.ClientCertificateRefused(_logger, remote, problem);
                }

                return problem is null;
            };
        }

        return options;
    }
}

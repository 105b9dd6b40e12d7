using Microsoft.Extensions.Logging;

namespace Relay.Api.Tls;

/// <summary>Log events of the relay's TLS set-up and of its server handshakes.</summary>
internal static partial class RelayTlsLog
{
    [LoggerMessage(1200, LogLevel.Information, "Server TLS: {Mode} with the certificate \"{Subject}\" from {CertificateFile}",
        EventName = "ServerTlsOn")]
    public static partial void ServerTlsOn(ILogger logger, string mode, string subject, string certificateFile);

    [LoggerMessage(1201, LogLevel.Information, "Client TLS to nodes and the peer service: trusting {Count} CA certificates{ClientCertificate}",
        EventName = "ClientTlsOn")]
    public static partial void ClientTlsOn(ILogger logger, int count, string clientCertificate);

    [LoggerMessage(1202, LogLevel.Warning, "Refused a client at the TLS handshake from {Remote}: {Problem}",
        EventName = "ClientCertificateRefused")]
    public static partial void ClientCertificateRefused(ILogger logger, string remote, string problem);
}

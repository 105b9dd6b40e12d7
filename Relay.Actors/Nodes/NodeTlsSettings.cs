namespace Relay.Actors.Nodes;

/// <summary>
/// Client TLS towards nodes and the peer service (<c>--tls-hubble-client-*</c>, <c>--tls-hubble-server-ca-files</c>).
/// Accepted here so the settings have their final shape; the TLS work wires it into the channel.
/// </summary>
/// <param name="ClientCertificateFile">The relay's client certificate (PEM), for mTLS; null for none.</param>
/// <param name="ClientKeyFile">The key of <paramref name="ClientCertificateFile"/>; null for none.</param>
/// <param name="ServerCaFiles">CAs that sign the nodes' certificates; empty for the system store.</param>
public sealed record NodeTlsSettings(
    string? ClientCertificateFile,
    string? ClientKeyFile,
    IReadOnlyList<string> ServerCaFiles);

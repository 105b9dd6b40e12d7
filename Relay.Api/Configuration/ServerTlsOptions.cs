namespace Relay.Api.Configuration;

/// <summary>
/// TLS material of the relay's own gRPC server. A non-empty <see cref="ClientCaFiles"/> turns on mTLS: clients
/// must then present a certificate signed by one of those CAs.
/// </summary>
/// <param name="CertFile"><c>--tls-relay-server-cert-file</c> (older: <c>--tls-server-cert-file</c>).</param>
/// <param name="KeyFile"><c>--tls-relay-server-key-file</c> (older: <c>--tls-server-key-file</c>).</param>
/// <param name="ClientCaFiles"><c>--tls-relay-client-ca-files</c>.</param>
public sealed record ServerTlsOptions(string CertFile, string KeyFile, IReadOnlyList<string> ClientCaFiles)
{
    /// <summary>Whether clients must present a certificate.</summary>
    public bool IsMutual => ClientCaFiles.Count > 0;

    internal string Describe() =>
        IsMutual
            ? $"mTLS cert={CertFile} key={KeyFile} client-ca={string.Join(',', ClientCaFiles)}"
            : $"TLS cert={CertFile} key={KeyFile}";
}

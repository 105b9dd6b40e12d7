namespace Relay.Api.Configuration;

/// <summary>
/// TLS material for the relay's connections to Hubble nodes and the peer service. A client certificate and key
/// (both or neither) make the connections mTLS.
/// </summary>
/// <param name="ServerCaFiles"><c>--tls-hubble-server-ca-files</c>: CAs that sign the nodes' certificates.</param>
/// <param name="CertFile"><c>--tls-hubble-client-cert-file</c> (older: <c>--tls-client-cert-file</c>).</param>
/// <param name="KeyFile"><c>--tls-hubble-client-key-file</c> (older: <c>--tls-client-key-file</c>).</param>
public sealed record ClientTlsOptions(IReadOnlyList<string> ServerCaFiles, string? CertFile, string? KeyFile)
{
    /// <summary>Whether the relay presents a client certificate.</summary>
    public bool IsMutual => CertFile is not null && KeyFile is not null;

    internal string Describe() =>
        IsMutual
            ? $"mTLS server-ca={string.Join(',', ServerCaFiles)} cert={CertFile} key={KeyFile}"
            : $"TLS server-ca={string.Join(',', ServerCaFiles)}";
}

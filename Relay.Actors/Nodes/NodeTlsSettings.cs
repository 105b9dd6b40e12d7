using System.Security.Cryptography.X509Certificates;
using Relay.Actors.Nodes.Tls;

namespace Relay.Actors.Nodes;

/// <summary>
/// Client TLS towards nodes and the peer service (<c>--tls-hubble-server-ca-files</c>,
/// <c>--tls-hubble-client-cert-file</c>/<c>-key-file</c>). Both are read at every new connection, so material
/// reloaded from disk applies to the next connection without a restart.
/// </summary>
public sealed record NodeTlsSettings
{
    /// <summary>The CAs a node's (or the peer service's) certificate must chain to; nothing else is trusted.</summary>
    public required Func<X509Certificate2Collection> ServerAuthorities { get; init; }

    /// <summary>The relay's client certificate, for nodes that require mTLS; null to present none.</summary>
    public Func<TlsIdentity>? ClientIdentity { get; init; }

    /// <summary>Settings that always use the same material.</summary>
    public static NodeTlsSettings Fixed(X509Certificate2Collection serverAuthorities, TlsIdentity? clientIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(serverAuthorities);
        return new NodeTlsSettings
        {
            ServerAuthorities = () => serverAuthorities,
            ClientIdentity = clientIdentity is null ? null : () => clientIdentity,
        };
    }

    /// <summary>Settings that use whatever the watchers loaded last.</summary>
    public static NodeTlsSettings Watching(
        CertificateWatcher<X509Certificate2Collection> serverAuthorities, CertificateWatcher<TlsIdentity>? clientIdentity)
    {
        ArgumentNullException.ThrowIfNull(serverAuthorities);
        return new NodeTlsSettings
        {
            ServerAuthorities = () => serverAuthorities.Current,
            ClientIdentity = clientIdentity is null ? null : () => clientIdentity.Current,
        };
    }
}

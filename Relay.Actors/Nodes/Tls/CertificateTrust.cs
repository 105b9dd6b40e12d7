using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Actors.Nodes.Tls;

/// <summary>
/// Verifies a peer's certificate against a given set of CAs only (never the system store), as Go's
/// <c>tls.Config.RootCAs</c>/<c>ClientCAs</c> do, and says in one line why a certificate is refused.
/// </summary>
public static class CertificateTrust
{
    /// <summary>The extended key usage a server certificate needs (TLS Web Server Authentication).</summary>
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>The extended key usage a client certificate needs (TLS Web Client Authentication).</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    /// <summary>A chain policy trusting exactly <paramref name="authorities"/>, for certificates used for <paramref name="usage"/>.</summary>
    public static X509ChainPolicy Policy(X509Certificate2Collection authorities, Oid usage)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(usage);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck, // as Go's crypto/tls: no CRL or OCSP
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(authorities);
        policy.ApplicationPolicy.Add(usage);
        return policy;
    }

    /// <summary>
    /// Why the certificate a peer presented is refused, or null when it is accepted. Takes what an
    /// <see cref="SslStream"/> validation callback receives.
    /// </summary>
    /// <param name="certificate">The peer's certificate, if any.</param>
    /// <param name="chain">The chain built with <see cref="Policy"/>.</param>
    /// <param name="errors">What the handshake found wrong.</param>
    /// <param name="expectedName">The name the certificate must carry (server side: null).</param>
    public static string? Problem(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, string? expectedName)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "no certificate was presented";
        }

        var problems = new List<string>();
        var described = $"the certificate \"{certificate.Subject}\" (issued by \"{certificate.Issuer}\")";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            problems.Add($"{described} {ChainProblem(certificate, chain)}");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var names = DnsNames(certificate);
            problems.Add($"{described} is not valid for the name \"{expectedName}\"" +
                (names.Count == 0 ? "" : $" (it names {string.Join(", ", names)})"));
        }

        return problems.Count == 0 ? $"{described} was refused ({errors})" : string.Join("; ", problems);
    }

    private static string ChainProblem(X509Certificate certificate, X509Chain? chain)
    {
        var flags = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) ?? X509ChainStatusFlags.NoError;
        var reasons = new List<string>();
        if ((flags & (X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot)) != 0)
        {
            reasons.Add("is not signed by a trusted CA");
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            var valid = certificate as X509Certificate2;
            reasons.Add(valid is null
                ? "is expired or not yet valid"
                : $"is expired or not yet valid (valid from {valid.NotBefore.ToUniversalTime():u} to {valid.NotAfter.ToUniversalTime():u})");
        }

        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
        {
            reasons.Add("is not meant for this use (extended key usage)");
        }

        if (reasons.Count == 0)
        {
            reasons.Add("has an invalid chain");
        }

        return string.Join(" and ", reasons) + (flags == X509ChainStatusFlags.NoError ? "" : $" ({flags})");
    }

    // SslStream hands over an X509Certificate2; anything else is described without its names.
    private static List<string> DnsNames(X509Certificate certificate) =>
        certificate is X509Certificate2 full
            ? full.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList()
            : [];
}

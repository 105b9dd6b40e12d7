using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Fleet.Tls;

/// <summary>
/// A certificate authority made on the spot for fleets and tests that use TLS: it issues server certificates for
/// Hubble's names and client certificates (ECDSA P-256). Keys live in memory only; nothing is read from disk.
/// </summary>
public sealed class FleetCertificateAuthority
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, X509Certificate2> _servers = new(StringComparer.Ordinal);

    private FleetCertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A new CA named <paramref name="name"/>, valid from an hour ago for a week by <paramref name="time"/>.</summary>
    public static FleetCertificateAuthority Create(string name, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        time ??= TimeProvider.System;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return new FleetCertificateAuthority(request.CreateSelfSigned(now.AddHours(-1), now.AddDays(7)), time);
    }

    /// <summary>The CA certificate alone (no key), as a trust set.</summary>
    public X509Certificate2Collection Trust() => [X509CertificateLoader.LoadCertificate(Certificate.RawData)];

    /// <summary>A new server certificate for <paramref name="dnsNames"/> (the first is also the subject), valid for loopback IPs too.</summary>
    public X509Certificate2 IssueServer(params string[] dnsNames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Length);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        return Issue(dnsNames[0], ServerAuthentication, names.Build());
    }

    /// <summary>A new client certificate for mTLS.</summary>
    public X509Certificate2 IssueClient(string commonName) => Issue(commonName, ClientAuthentication, null);

    /// <summary>Fleet TLS where every port presents a certificate from this CA for its name (issued once per name).</summary>
    public FleetTlsOptions ServeFleet(X509Certificate2Collection? clientAuthorities = null) => new()
    {
        CertificateFor = name => _servers.GetOrAdd(name, n => IssueServer(n)),
        ClientAuthorities = clientAuthorities,
    };

    /// <summary>The certificate and its private key as PEM text (PKCS#8), as Kubernetes secrets hold them.</summary>
    public static (string Certificate, string Key) ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private X509Certificate2 Issue(string commonName, string usage, X509Extension? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // positive
        var now = _time.GetUtcNow();
        using var issued = request.Create(Certificate, now.AddHours(-1), now.AddDays(2), serial);
        return issued.CopyWithPrivateKey(key);
    }
}

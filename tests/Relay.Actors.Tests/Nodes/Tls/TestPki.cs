using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Actors.Tests.Nodes.Tls;

/// <summary>A throwaway CA made at test time (no key is ever committed), issuing server and client certificates.</summary>
internal sealed class TestPki
{
    private TestPki(X509Certificate2 authority) => Authority = authority;

    /// <summary>The CA certificate, with its key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The CA as a trust set.</summary>
    public X509Certificate2Collection Trust => [X509CertificateLoader.LoadCertificate(Authority.RawData)];

    public static TestPki Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestPki(request.CreateSelfSigned(now.AddDays(-10), now.AddDays(1)));
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> (also valid for 127.0.0.1), with its key.</summary>
    public X509Certificate2 IssueServer(string dnsName, DateTimeOffset? notAfter = null) =>
        Issue(dnsName, [dnsName], CertificateTrustOids.Server, notAfter);

    /// <summary>A client certificate, with its key.</summary>
    public X509Certificate2 IssueClient(string commonName) => Issue(commonName, [], CertificateTrustOids.Client, null);

    private X509Certificate2 Issue(string commonName, string[] dnsNames, string usage, DateTimeOffset? notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (dnsNames.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                names.AddDnsName(name);
            }

            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        var until = notAfter ?? now.AddHours(12);
        using var issued = request.Create(Authority, until.AddDays(-1), until, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificate"/> and its key as PEM files in <paramref name="directory"/>.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        var certificatePath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>Writes the CA certificate (no key) as a PEM file.</summary>
    public string WriteAuthorityPem(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".crt");
        File.WriteAllText(path, Authority.ExportCertificatePem());
        return path;
    }

    private static class CertificateTrustOids
    {
        public const string Server = "1.3.6.1.5.5.7.3.1";
        public const string Client = "1.3.6.1.5.5.7.3.2";
    }
}

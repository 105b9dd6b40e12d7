using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Actors.Nodes.Tls;

/// <summary>
/// Turns PEM text into TLS material: a certificate chain with its key, or a set of CAs. Every failure is a
/// <see cref="TlsMaterialException"/> naming the file at fault.
/// </summary>
public static class PemTlsLoader
{
    /// <summary>
    /// The identity in <paramref name="certificate"/> (leaf first, then any intermediates) with the private key in
    /// <paramref name="key"/> (PKCS#8, PKCS#1 or SEC1 PEM).
    /// </summary>
    public static TlsIdentity Identity(TlsFile certificate, TlsFile key)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        var chain = Certificates(certificate);
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificate.Text, key.Text);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new TlsMaterialException(key.Path, $"is not a PEM private key matching the certificate in \"{certificate.Path}\": {e.Message}", e);
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        return new TlsIdentity(leaf, intermediates);
    }

    /// <summary>Every certificate in <paramref name="files"/>, each file holding one or more PEM certificates.</summary>
    public static X509Certificate2Collection Authorities(IEnumerable<TlsFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var all = new X509Certificate2Collection();
        foreach (var file in files)
        {
            all.AddRange(Certificates(file));
        }

        return all;
    }

    private static X509Certificate2Collection Certificates(TlsFile file)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(file.Text);
        }
        catch (CryptographicException e)
        {
            throw new TlsMaterialException(file.Path, "holds a malformed PEM certificate: " + e.Message, e);
        }

        return certificates.Count == 0
            ? throw new TlsMaterialException(file.Path, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
            : certificates;
    }
}

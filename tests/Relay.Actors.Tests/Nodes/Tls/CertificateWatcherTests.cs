using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Nodes.Tls;
using Relay.Actors.Tests.Fakes;

namespace Relay.Actors.Tests.Nodes.Tls;

/// <summary>Loading and reloading TLS files: the periodic check on virtual time, and file-system events.</summary>
public sealed class CertificateWatcherTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TestPki Pki = TestPki.Create("watcher CA");
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerFactory _logs = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ForIdentity_MissingKeyFile_ThrowsNamingThePath()
    {
        var (certificate, _) = TestPki.WritePem(Pki.IssueServer("a"), _dir.Path, "server");

        var error = Assert.Throws<TlsMaterialException>(() => Identity(certificate, _dir.File("nowhere.key")));

        Assert.Equal((_dir.File("nowhere.key"), "does not exist"), (error.Path, error.Problem));
    }

    [Fact]
    public void ForIdentity_CertificateFileWithoutPem_ThrowsNamingThePath()
    {
        var (certificate, key) = TestPki.WritePem(Pki.IssueServer("a"), _dir.Path, "server");
        File.WriteAllText(certificate, "not a certificate");

        var error = Assert.Throws<TlsMaterialException>(() => Identity(certificate, key));

        Assert.Equal(certificate, error.Path);
        Assert.StartsWith($"file \"{certificate}\" holds no PEM certificate", error.Message);
    }

    [Fact]
    public void ForIdentity_TruncatedCertificate_ThrowsNamingThePath()
    {
        var (certificate, key) = TestPki.WritePem(Pki.IssueServer("a"), _dir.Path, "server");
        var pem = File.ReadAllText(certificate);
        File.WriteAllText(certificate, pem[..60] + pem[^30..]);

        var error = Assert.Throws<TlsMaterialException>(() => Identity(certificate, key));

        Assert.Equal(certificate, error.Path);
    }

    [Fact]
    public void ForIdentity_KeyOfAnotherCertificate_ThrowsNamingTheKeyFile()
    {
        var (certificate, _) = TestPki.WritePem(Pki.IssueServer("a"), _dir.Path, "server");
        var (_, otherKey) = TestPki.WritePem(Pki.IssueServer("b"), _dir.Path, "other");

        var error = Assert.Throws<TlsMaterialException>(() => Identity(certificate, otherKey));

        Assert.Equal(otherKey, error.Path);
        Assert.Contains("matching the certificate", error.Problem);
    }

    [Fact]
    public void ForIdentity_ChainFile_LeafWithItsKey()
    {
        var leaf = Pki.IssueServer("leaf");
        var (certificate, key) = TestPki.WritePem(leaf, _dir.Path, "server");
        File.AppendAllText(certificate, "\n" + Pki.Authority.ExportCertificatePem());

        using var watcher = Identity(certificate, key);

        Assert.Equal(leaf.Thumbprint, watcher.Current.Certificate.Thumbprint);
        Assert.True(watcher.Current.Certificate.HasPrivateKey);
    }

    [Fact]
    public void ForAuthorities_SeveralFilesAndBundles_EveryCertificate()
    {
        var first = TestPki.Create("first");
        var second = TestPki.Create("second");
        var bundle = _dir.File("bundle.crt");
        File.WriteAllText(bundle, first.Authority.ExportCertificatePem() + "\n" + second.Authority.ExportCertificatePem());
        var single = Pki.WriteAuthorityPem(_dir.Path, "single");

        using var watcher = Authorities(bundle, single);

        Assert.Equal(["CN=first", "CN=second", "CN=watcher CA"], watcher.Current.Select(c => c.Subject));
    }

    [Fact]
    public void Poll_FilesReplaced_NewMaterialAfterTheInterval()
    {
        var (certificate, key) = TestPki.WritePem(Pki.IssueServer("before"), _dir.Path, "server");
        using var watcher = Identity(certificate, key);
        var after = Pki.IssueServer("after");
        TestPki.WritePem(after, _dir.Path, "server");

        _time.Advance(Poll - TimeSpan.FromTicks(1));
        var beforeInterval = watcher.Current.Certificate.Subject;
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("CN=before", beforeInterval);
        Assert.Equal(after.Thumbprint, watcher.Current.Certificate.Thumbprint);
        Assert.Equal(1, watcher.Reloads);
        Assert.Equal(1, _logs.Count("TlsMaterialReloaded"));
    }

    [Fact]
    public void Poll_FilesUnchanged_NoReload()
    {
        var (certificate, key) = TestPki.WritePem(Pki.IssueServer("same"), _dir.Path, "server");
        using var watcher = Identity(certificate, key);
        var loaded = watcher.Current;
        File.SetLastWriteTimeUtc(certificate, DateTime.UtcNow.AddMinutes(1));

        _time.Advance(Poll * 3);

        Assert.Same(loaded, watcher.Current);
        Assert.Equal(0, watcher.Reloads);
    }

    [Fact]
    public void Poll_CorruptedCertificate_KeepsThePreviousAndLogsOneError()
    {
        var before = Pki.IssueServer("before");
        var (certificate, key) = TestPki.WritePem(before, _dir.Path, "server");
        using var watcher = Identity(certificate, key);
        File.WriteAllText(certificate, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

        _time.Advance(Poll);
        _time.Advance(Poll);

        Assert.Equal(before.Thumbprint, watcher.Current.Certificate.Thumbprint);
        Assert.Equal(1, watcher.FailedReloads);
        var error = Assert.Single(_logs.Records, r => r.EventName == "TlsMaterialReloadFailed");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains(certificate, error.Message);
        Assert.Contains("keeping the one loaded before", error.Message);
    }

    [Fact]
    public void Poll_CorruptedThenRepaired_LoadsTheRepairedMaterial()
    {
        var (certificate, key) = TestPki.WritePem(Pki.IssueServer("before"), _dir.Path, "server");
        using var watcher = Identity(certificate, key);
        File.WriteAllText(key, "garbage");
        _time.Advance(Poll);
        var repaired = Pki.IssueServer("repaired");
        TestPki.WritePem(repaired, _dir.Path, "server");

        _time.Advance(Poll);

        Assert.Equal(repaired.Thumbprint, watcher.Current.Certificate.Thumbprint);
        Assert.Equal((1L, 1L), (watcher.FailedReloads, watcher.Reloads));
    }

    [Fact]
    public void Poll_CaFileDeleted_KeepsThePreviousAuthorities()
    {
        var path = Pki.WriteAuthorityPem(_dir.Path, "ca");
        using var watcher = Authorities(path);
        File.Delete(path);

        _time.Advance(Poll);

        Assert.Equal("CN=watcher CA", Assert.Single(watcher.Current).Subject);
        Assert.Contains("does not exist", Assert.Single(_logs.Records, r => r.EventName == "TlsMaterialReloadFailed").Message);
    }

    [Fact]
    public async Task FileSystemEvents_FileRenamedOverTheOld_ReloadsWithoutWaitingForThePoll()
    {
        var path = Pki.WriteAuthorityPem(_dir.Path, "ca");
        using var watcher = CertificateWatcher.ForAuthorities(
            "test CAs", [path], new CertificateWatcherOptions { TimeProvider = _time, PollInterval = Poll }, _logs.CreateLogger("test"));
        var next = TestPki.Create("next");
        var staged = next.WriteAuthorityPem(_dir.Path, "staged");

        File.Move(staged, path, overwrite: true);

        // Virtual time stands still, so only a file-system event can cause the reload.
        await Eventually.TrueAsync(() => watcher.Reloads == 1);
        Assert.Equal("CN=next", Assert.Single(watcher.Current).Subject);
    }

    private CertificateWatcher<TlsIdentity> Identity(string certificate, string key) =>
        CertificateWatcher.ForIdentity("test identity", certificate, key, Options, _logs.CreateLogger("test"));

    private CertificateWatcher<X509Certificate2Collection> Authorities(params string[] files) =>
        CertificateWatcher.ForAuthorities("test CAs", files, Options, _logs.CreateLogger("test"));

    private CertificateWatcherOptions Options => new() { TimeProvider = _time, PollInterval = Poll, WatchFileSystem = false };
}

using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;
using Relay.Api.Hosting;
using Relay.Api.Tests.Configuration;
using Relay.Api.Tls;
using Relay.Fleet.Tls;

namespace Relay.Api.Tests.Tls;

/// <summary>TLS files that exist but cannot be used stop start-up: exit code 1, one line naming the setting and the file.</summary>
public sealed class TlsStartupTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "relay-tls-start-" + Guid.NewGuid().ToString("N"));
    private readonly string _cert;
    private readonly string _key;
    private readonly string _ca;

    public TlsStartupTests()
    {
        Directory.CreateDirectory(_dir);
        var (cert, key) = FleetCertificateAuthority.ToPem(TlsScenario.RelayCa.IssueServer("relay.hubble-relay.cilium.io"));
        _cert = Write("server.crt", cert);
        _key = Write("server.key", key);
        _ca = Write("ca.crt", TlsScenario.ClusterCa.Certificate.ExportCertificatePem());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_ServerCertificateNotPem_Exits1WithOneLineNamingTheSettingAndFile()
    {
        File.WriteAllText(_cert, "this is not a certificate\n");

        var (code, failures) = await RunAsync();

        Assert.Equal(1, code);
        var line = Assert.Single(failures);
        Assert.Equal($"Relay could not start: tls-relay-server-cert-file: file \"{_cert}\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)", line);
    }

    [Fact]
    public async Task Run_KeyOfAnotherCertificate_NamesTheKeySetting()
    {
        var (_, otherKey) = FleetCertificateAuthority.ToPem(TlsScenario.RelayCa.IssueServer("other"));
        File.WriteAllText(_key, otherKey);

        var (code, failures) = await RunAsync();

        Assert.Equal(1, code);
        Assert.StartsWith($"Relay could not start: tls-relay-server-key-file: file \"{_key}\" is not a PEM private key matching the certificate", Assert.Single(failures));
    }

    [Fact]
    public async Task Run_HubbleCaFileTruncated_NamesTheCaSetting()
    {
        File.WriteAllText(_ca, File.ReadAllText(_ca)[..40]);

        var (code, failures) = await RunAsync();

        Assert.Equal(1, code);
        Assert.StartsWith($"Relay could not start: tls-hubble-server-ca-files: file \"{_ca}\"", Assert.Single(failures));
    }

    [Fact]
    public async Task Start_ClientCaNotPem_TlsConfigurationExceptionWithKeyAndPath()
    {
        var clientCa = Write("client-ca.crt", "garbage");
        using var loggers = LoggerFactory.Create(_ => { });

        var error = await Assert.ThrowsAsync<TlsConfigurationException>(() =>
            RelayHost.StartAsync(Options("--tls-relay-client-ca-files", clientCa), loggers));

        Assert.Equal((RelaySettingKeys.TlsRelayClientCaFiles, clientCa), (error.Key, error.Path));
    }

    private async Task<(int Code, List<string> Failures)> RunAsync()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var code = await RelayRunner.RunAsync(Options(), loggers, CancellationToken.None);
        return (code, logs.Events.Where(e => e.Name == "StartFailed").Select(e => e.Message).ToList());
    }

    private RelayOptions Options(params string[] extra) => TlsScenario.LoadOptions(
    [
        "--peer-service", "127.0.0.1:1", "--listen-address", "127.0.0.1:0", "--health-listen-address", "127.0.0.1:0",
        "--tls-relay-server-cert-file", _cert, "--tls-relay-server-key-file", _key, "--tls-hubble-server-ca-files", _ca,
        .. extra,
    ]);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}

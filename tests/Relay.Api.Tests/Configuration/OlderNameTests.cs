using Relay.Api.Configuration;
using static Relay.Api.Tests.Configuration.ConfigTestKit;

namespace Relay.Api.Tests.Configuration;

/// <summary>Older upstream names mean the same settings as the current ones.</summary>
public sealed class OlderNameTests
{
    private static readonly InMemoryFileSystem Files = new InMemoryFileSystem()
        .With("/tls/server.crt").With("/tls/server.key").With("/tls/client.crt").With("/tls/client.key").With("/tls/ca.crt")
        .With("/tls/other.crt");

    [Fact]
    public void Load_OlderFlagNames_SetTheCurrentSettings()
    {
        var options = Valid(
        [
            "--tls-server-cert-file", "/tls/server.crt", "--tls-server-key-file", "/tls/server.key",
            "--tls-client-cert-file", "/tls/client.crt", "--tls-client-key-file", "/tls/client.key",
            "--tls-hubble-server-ca-files", "/tls/ca.crt",
        ], files: Files);

        Assert.Equal("/tls/server.crt", options.ServerTls!.CertFile);
        Assert.Equal("/tls/server.key", options.ServerTls.KeyFile);
        Assert.Equal("/tls/client.crt", options.ClientTls!.CertFile);
        Assert.Equal("/tls/client.key", options.ClientTls.KeyFile);
    }

    [Theory]
    [InlineData("RELAY_TLS-CLIENT-CERT-FILE")]
    [InlineData("RELAY_TLS_CLIENT_CERT_FILE")]
    public void Load_OlderEnvironmentName_SetsTheCurrentSetting(string variable)
    {
        var env = new Dictionary<string, string> { [variable] = "/tls/client.crt" };
        var options = Valid(["--disable-server-tls", "--tls-hubble-server-ca-files", "/tls/ca.crt", "--tls-hubble-client-key-file", "/tls/client.key"], env, Files);
        Assert.Equal("/tls/client.crt", options.ClientTls!.CertFile);
    }

    [Fact]
    public void Load_OlderAndCurrentEnvironmentNames_CurrentWins()
    {
        var env = new Dictionary<string, string>
        {
            ["RELAY_TLS_SERVER_CERT_FILE"] = "/tls/other.crt",
            ["RELAY_TLS_RELAY_SERVER_CERT_FILE"] = "/tls/server.crt",
            ["RELAY_TLS_RELAY_SERVER_KEY_FILE"] = "/tls/server.key",
        };
        Assert.Equal("/tls/server.crt", Valid(["--disable-client-tls"], env, Files).ServerTls!.CertFile);
    }

    [Theory]
    [InlineData("tls-server-cert-file: /tls/other.crt\ntls-relay-server-cert-file: /tls/server.crt\n")]
    [InlineData("tls-relay-server-cert-file: /tls/server.crt\ntls-server-cert-file: /tls/other.crt\n")]
    public void Load_OlderAndCurrentFileKeys_CurrentWinsWhateverTheOrder(string yaml)
    {
        var files = new InMemoryFileSystem().With(RelayDefaults.ConfigFilePath, yaml + "tls-server-key-file: /tls/server.key\n")
            .With("/tls/server.crt").With("/tls/server.key").With("/tls/other.crt");
        var options = Valid(["--disable-client-tls"], files: files);
        Assert.Equal("/tls/server.crt", options.ServerTls!.CertFile);
        Assert.Equal("/tls/server.key", options.ServerTls.KeyFile);
    }
}

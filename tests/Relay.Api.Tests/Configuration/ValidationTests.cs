using Relay.Api.Configuration;
using static Relay.Api.Tests.Configuration.ConfigTestKit;

namespace Relay.Api.Tests.Configuration;

/// <summary>Bad values are reported once at start-up, each as one line naming the key.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, string, string> BadFlags => new()
    {
        { "--dial-timeout=5x", "dial-timeout", "unknown unit \"x\"" },
        { "--dial-timeout=5", "dial-timeout", "has no unit" },
        { "--dial-timeout=0", "dial-timeout", "must be a positive duration" },
        { "--retry-timeout=-1s", "retry-timeout", "must be a positive duration, got -1s" },
        { "--sort-buffer-len-max=0", "sort-buffer-len-max", "must be at least 1" },
        { "--sort-buffer-len-max=-5", "sort-buffer-len-max", "must be at least 1, got -5" },
        { "--sort-buffer-len-max=1e3", "sort-buffer-len-max", "is not a whole number" },
        { "--sort-buffer-drain-timeout=0s", "sort-buffer-drain-timeout", "must be a positive duration" },
        { "--sort-lateness=-1ms", "sort-lateness", "must not be negative" },
        { "--sort-lateness=2s", "sort-lateness", "2s is above sort-buffer-drain-timeout (1s)" },
        { "--shutdown-grace-period=-1s", "shutdown-grace-period", "must not be negative" },
        { "--listen-address=4245", "listen-address", "has no port" },
        { "--listen-address=:99999", "listen-address", "0..65535" },
        { "--listen-address=::1:4245", "listen-address", "brackets" },
        { "--health-listen-address=:4245", "health-listen-address", "same port as listen-address" },
        { "--metrics-listen-address=localhost", "metrics-listen-address", "has no port" },
        { "--metrics-listen-address=:4222", "metrics-listen-address", "same port as health-listen-address" },
        { "--peer-service=http://hubble-peer:80", "peer-service", "unsupported scheme" },
        { "--peer-service=unix://relative", "peer-service", "absolute socket path" },
        { "--peer-service=hubble-peer:0", "peer-service", "1..65535" },
        { "--peer-service=:4244", "peer-service", "names no host" },
        { "--log-level=verbose", "log-level", "is not a log level" },
        { "--log-format=xml", "log-format", "is not a log format" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public void Load_BadFlagValue_OneErrorNamingTheKeyAndTheFlag(string flag, string key, string problem)
    {
        var result = Load([.. Plaintext, flag]);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.EndsWith($"(from flag --{flag.TrimStart('-').Split('=')[0]})", error.Message);
        Assert.StartsWith(key + ": ", error.ToString());
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Theory]
    [InlineData("RELAY_DEBUG", "yes", "debug", "\"yes\" is not true or false (from env RELAY_DEBUG)")]
    [InlineData("RELAY_SORT_BUFFER_LEN_MAX", "many", "sort-buffer-len-max", "\"many\" is not a whole number (from env RELAY_SORT_BUFFER_LEN_MAX)")]
    [InlineData("HUBBLE_SERVER", "http://x", "peer-service", "(from env HUBBLE_SERVER)")]
    public void Load_BadEnvironmentValue_ErrorNamesKeyAndVariable(string variable, string value, string key, string message)
    {
        var error = Assert.Single(Load(Plaintext, new Dictionary<string, string> { [variable] = value }).Errors);
        Assert.Equal(key, error.Key);
        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void Load_BadFileValue_ErrorNamesKeyFileAndLine()
    {
        var error = Assert.Single(Load(Plaintext, files: DefaultConfig("cluster-name: x\ndial-timeout: soon\n")).Errors);
        Assert.Equal("dial-timeout: \"soon\" is not a duration (expected e.g. 5s, 100ms, 1m30s) (from /etc/hubble-relay/config.yaml line 2)", error.ToString());
    }

    [Fact]
    public void Load_SeveralBadValues_ReportsEveryErrorAtOnceInHelpOrder()
    {
        var result = Load(["--dial-timeout=x", "--sort-buffer-len-max=0", "--listen-address=nowhere", "--log-level=loud"]);

        Assert.Equal(
            ["listen-address", "dial-timeout", "sort-buffer-len-max", "log-level", "tls-relay-server-cert-file",
                "tls-relay-server-key-file", "tls-hubble-server-ca-files"],
            result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Load_LowerDrainTimeoutOnly_DefaultLatenessFollowsIt()
    {
        var options = Valid([.. Plaintext, "--sort-buffer-drain-timeout=50ms"]);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.SortLateness);
    }

    [Fact]
    public void Load_LatenessEqualToDrainTimeout_IsValid()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Valid([.. Plaintext, "--sort-lateness=1s"]).SortLateness);
    }

    [Fact]
    public void Load_NoTlsSettings_ErrorsNameTheMissingFlags()
    {
        var result = Load([]);

        Assert.Equal(
            ["tls-relay-server-cert-file", "tls-relay-server-key-file", "tls-hubble-server-ca-files"],
            result.Errors.Select(e => e.Key));
        Assert.All(result.Errors.Take(2), e => Assert.Contains("--disable-server-tls", e.Message));
        Assert.Contains("--disable-client-tls", result.Errors[2].Message);
    }

    [Fact]
    public void Load_BothTlsSidesDisabled_IsValidPlaintext()
    {
        var result = Load(["--disable-server-tls", "--disable-client-tls"]);

        Assert.True(result.IsValid);
        Assert.Null(result.Options.ServerTls);
        Assert.Null(result.Options.ClientTls);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_ServerCertWithoutKey_ErrorNamesTheKeyFlag()
    {
        var files = new InMemoryFileSystem().With("/tls/server.crt");
        var error = Assert.Single(Load(["--disable-client-tls", "--tls-relay-server-cert-file=/tls/server.crt"], files: files).Errors);
        Assert.Equal("tls-relay-server-key-file", error.Key);
    }

    [Theory]
    [InlineData("--tls-hubble-client-cert-file=/tls/client.crt", "tls-hubble-client-key-file")]
    [InlineData("--tls-hubble-client-key-file=/tls/client.key", "tls-hubble-client-cert-file")]
    public void Load_ClientCertAndKeyNotPaired_ErrorNamesTheMissingOne(string flag, string missingKey)
    {
        var files = new InMemoryFileSystem().With("/tls/ca.crt").With("/tls/client.crt").With("/tls/client.key");
        var result = Load(["--disable-server-tls", "--tls-hubble-server-ca-files=/tls/ca.crt", flag], files: files);
        Assert.Equal(missingKey, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Load_ClientCaWithoutKeypair_IsPlainTls()
    {
        var files = new InMemoryFileSystem().With("/tls/ca.crt");
        var options = Valid(["--disable-server-tls", "--tls-hubble-server-ca-files=/tls/ca.crt"], files: files);
        Assert.False(options.ClientTls!.IsMutual);
    }

    [Fact]
    public void Load_RelayClientCas_TurnOnMutualTls()
    {
        var files = new InMemoryFileSystem().With("/s.crt").With("/s.key").With("/ca1.crt").With("/ca2.crt");
        var options = Valid(
        [
            "--disable-client-tls", "--tls-relay-server-cert-file=/s.crt", "--tls-relay-server-key-file=/s.key",
            "--tls-relay-client-ca-files=/ca1.crt", "--tls-relay-client-ca-files=/ca2.crt",
        ], files: files);

        Assert.True(options.ServerTls!.IsMutual);
        Assert.Equal(["/ca1.crt", "/ca2.crt"], options.ServerTls.ClientCaFiles);
    }

    [Fact]
    public void Load_MissingCertificateFiles_ErrorNamesKeyAndPath()
    {
        var result = Load(
        [
            "--disable-client-tls", "--tls-relay-server-cert-file=/missing/server.crt",
            "--tls-relay-server-key-file=/missing/server.key", "--tls-relay-client-ca-files=/missing/a.crt,/missing/b.crt",
        ]);

        Assert.Equal(
        [
            "tls-relay-server-cert-file: file \"/missing/server.crt\" does not exist (from flag --tls-relay-server-cert-file)",
            "tls-relay-server-key-file: file \"/missing/server.key\" does not exist (from flag --tls-relay-server-key-file)",
            "tls-relay-client-ca-files: file \"/missing/a.crt\" does not exist (from flag --tls-relay-client-ca-files)",
            "tls-relay-client-ca-files: file \"/missing/b.crt\" does not exist (from flag --tls-relay-client-ca-files)",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_UnreadableCertificateFile_ErrorNamesKeyAndPath()
    {
        var files = new InMemoryFileSystem().WithUnreadable("/tls/ca.crt");
        var error = Assert.Single(Load(["--disable-server-tls", "--tls-hubble-server-ca-files=/tls/ca.crt"], files: files).Errors);
        Assert.Equal("tls-hubble-server-ca-files", error.Key);
        Assert.Contains("\"/tls/ca.crt\" cannot be read", error.Message);
    }

    [Fact]
    public void Load_TlsFilesOfADisabledSide_AreNotCheckedButWarn()
    {
        var result = Load([.. Plaintext, "--tls-relay-server-cert-file=/missing.crt", "--tls-hubble-server-ca-files=/missing-ca.crt"]);

        Assert.True(result.IsValid);
        Assert.Equal(
            ["tls-relay-server-cert-file: has no effect with disable-server-tls", "tls-hubble-server-ca-files: has no effect with disable-client-tls"],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Load_IgnoredUpstreamFlags_AcceptedWithAWarningEach()
    {
        var result = Load([.. Plaintext, "--gops=false", "--gops-port=9893", "--pprof", "--pprof-address=localhost", "--pprof-port=6062"]);

        Assert.True(result.IsValid);
        Assert.Equal(["gops", "gops-port", "pprof", "pprof-address", "pprof-port"], result.Warnings.Select(w => w.Key));
        Assert.Equal("gops: accepted for compatibility; has no effect (from flag --gops)", result.Warnings[0].ToString());
    }

    [Fact]
    public void Load_UnknownFlag_IsAnArgumentError()
    {
        var result = Load([.. Plaintext, "--no-such-flag"]);
        Assert.Equal("args", Assert.Single(result.Errors).Key);
    }
}

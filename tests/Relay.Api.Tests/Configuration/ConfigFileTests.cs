using Relay.Api.Configuration;
using static Relay.Api.Tests.Configuration.ConfigTestKit;

namespace Relay.Api.Tests.Configuration;

/// <summary>config.yaml as the Cilium chart renders it.</summary>
public sealed class ConfigFileTests
{
    private const string TlsDir = "/var/lib/hubble-relay/tls";

    // hubble.tls.enabled=true, relay server TLS on, prometheus on, every tuning value left unset (rendered empty).
    private const string ChartWithTls = """
        cluster-name: default
        peer-service: "hubble-peer.kube-system.svc.cluster.local.:443"
        listen-address: :4245
        gops: true
        gops-port: "9893"
        metrics-listen-address: ":9966"
        dial-timeout: 
        retry-timeout: 
        sort-buffer-len-max: 
        sort-buffer-drain-timeout: 
        tls-hubble-client-cert-file: /var/lib/hubble-relay/tls/client.crt
        tls-hubble-client-key-file: /var/lib/hubble-relay/tls/client.key
        tls-hubble-server-ca-files: /var/lib/hubble-relay/tls/hubble-server-ca.crt
        tls-relay-server-cert-file: /var/lib/hubble-relay/tls/server.crt
        tls-relay-server-key-file: /var/lib/hubble-relay/tls/server.key

        """;

    // hubble.tls.enabled=false, pprof on, tuning values set, booleans and numbers quoted as the chart quotes them.
    private const string ChartWithoutTls = """
        cluster-name: mesh-1
        peer-service: "hubble-peer.kube-system.svc.cluster.local.:80"
        listen-address: 127.0.0.1:4245
        gops: false
        gops-port: "9893"
        pprof: "true"
        pprof-address: "localhost"
        pprof-port: "6062"
        dial-timeout: 10s
        retry-timeout: 1m30s
        sort-buffer-len-max: "50"
        sort-buffer-drain-timeout: 500ms
        disable-client-tls: true
        disable-server-tls: "True"

        """;

    [Fact]
    public void Load_ChartConfigWithTls_ReadsItWithDefaultsForEmptyValues()
    {
        var files = DefaultConfig(ChartWithTls)
            .With($"{TlsDir}/client.crt").With($"{TlsDir}/client.key").With($"{TlsDir}/hubble-server-ca.crt")
            .With($"{TlsDir}/server.crt").With($"{TlsDir}/server.key");

        var result = Load([], files: files);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var options = result.Options;
        Assert.Equal(RelayDefaults.ConfigFilePath, options.ConfigFile);
        Assert.Equal(PeerServiceAddress.Tcp("hubble-peer.kube-system.svc.cluster.local.", 443), options.PeerService);
        Assert.Equal(new ListenAddress(null, 9966), options.MetricsListenAddress);
        Assert.Equal(RelayDefaults.DialTimeout, options.DialTimeout);
        Assert.Equal(RelayDefaults.RetryTimeout, options.RetryTimeout);
        Assert.Equal(RelayDefaults.SortBufferLenMax, options.SortBufferLenMax);
        Assert.Equal(RelayDefaults.SortBufferDrainTimeout, options.SortBufferDrainTimeout);
        Assert.Equal($"{TlsDir}/server.crt", options.ServerTls!.CertFile);
        Assert.Equal($"{TlsDir}/server.key", options.ServerTls.KeyFile);
        Assert.False(options.ServerTls.IsMutual);
        Assert.Equal([$"{TlsDir}/hubble-server-ca.crt"], options.ClientTls!.ServerCaFiles);
        Assert.True(options.ClientTls.IsMutual);
        Assert.Equal(["gops", "gops-port"], result.Warnings.Select(w => w.Key));
    }

    [Fact]
    public void Load_ChartConfigWithoutTls_ReadsQuotedNumbersDurationsAndBooleans()
    {
        var result = Load([], files: DefaultConfig(ChartWithoutTls));

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var options = result.Options;
        Assert.Equal("mesh-1", options.ClusterName);
        Assert.Equal(PeerServiceAddress.Tcp("hubble-peer.kube-system.svc.cluster.local.", 80), options.PeerService);
        Assert.Equal(new ListenAddress("127.0.0.1", 4245), options.ListenAddress);
        Assert.Equal(TimeSpan.FromSeconds(10), options.DialTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.RetryTimeout);
        Assert.Equal(50, options.SortBufferLenMax);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.SortBufferDrainTimeout);
        Assert.Null(options.ServerTls);
        Assert.Null(options.ClientTls);
        Assert.Equal(["gops", "gops-port", "pprof", "pprof-address", "pprof-port"], result.Warnings.Select(w => w.Key));
        Assert.All(result.Warnings, w => Assert.Contains("has no effect", w.Message));
    }

    [Theory]
    [InlineData("dial-timeout:\n")]
    [InlineData("dial-timeout: \n")]
    [InlineData("dial-timeout: ~\n")]
    [InlineData("dial-timeout: null\n")]
    [InlineData("dial-timeout: \"\"\n")]
    public void Load_EmptyOrNullValue_MeansDefault(string yaml)
    {
        Assert.Equal(RelayDefaults.DialTimeout, Valid(Plaintext, files: DefaultConfig(yaml)).DialTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Load_EmptyFile_UsesDefaults(string yaml)
    {
        var options = Valid(Plaintext, files: DefaultConfig(yaml));
        Assert.Equal(RelayDefaults.DialTimeout, options.DialTimeout);
    }

    [Fact]
    public void Load_UnknownKey_WarnsNamingItAndStillLoads()
    {
        var result = Load(Plaintext, files: DefaultConfig("listen-address: :4245\nsort-buffer-size: 10\n"));

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("sort-buffer-size", warning.Key);
        Assert.StartsWith("sort-buffer-size: unknown key in /etc/hubble-relay/config.yaml line 2", warning.ToString());
    }

    [Fact]
    public void Load_KeysInOtherCase_AreRecognised()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Valid(Plaintext, files: DefaultConfig("Dial-Timeout: 2s\n")).DialTimeout);
    }

    [Theory]
    [InlineData("tls-hubble-server-ca-files:\n  - /ca/a.crt\n  - /ca/b.crt\n")]
    [InlineData("tls-hubble-server-ca-files: [/ca/a.crt, /ca/b.crt]\n")]
    [InlineData("tls-hubble-server-ca-files: /ca/a.crt /ca/b.crt\n")]
    [InlineData("tls-hubble-server-ca-files: \"/ca/a.crt,/ca/b.crt\"\n")]
    public void Load_CaFileList_AcceptsYamlListsAndSeparatedValues(string yaml)
    {
        var files = DefaultConfig(yaml).With("/ca/a.crt").With("/ca/b.crt");
        var options = Valid(["--disable-server-tls"], files: files);
        Assert.Equal(["/ca/a.crt", "/ca/b.crt"], options.ClientTls!.ServerCaFiles);
    }

    [Fact]
    public void Load_ListForASingleValueKey_IsAnErrorNamingTheKey()
    {
        var result = Load(Plaintext, files: DefaultConfig("dial-timeout:\n  - 1s\n  - 2s\n"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("dial-timeout", error.Key);
        Assert.Contains("not a list", error.Message);
    }

    [Fact]
    public void Load_MappingValue_IsAnErrorNamingTheKey()
    {
        var result = Load(Plaintext, files: DefaultConfig("peer-service:\n  host: x\n"));
        Assert.Equal("peer-service", Assert.Single(result.Errors).Key);
    }

    [Theory]
    [InlineData("dial-timeout: [1s\n")]
    [InlineData("a: b\n  c: d\n")]
    [InlineData("dial-timeout: 1s\ndial-timeout: 2s\n")]
    public void Load_MalformedYaml_IsAConfigErrorWithTheLine(string yaml)
    {
        var result = Load(Plaintext, files: DefaultConfig(yaml));
        var error = Assert.Single(result.Errors);
        Assert.Equal("config", error.Key);
        Assert.Matches(@"/etc/hubble-relay/config\.yaml line \d+", error.Message);
    }

    [Fact]
    public void Load_TopLevelList_IsAConfigError()
    {
        var result = Load(Plaintext, files: DefaultConfig("- dial-timeout: 1s\n"));
        Assert.Contains("expected a mapping", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Load_MissingDefaultFile_IsFine()
    {
        var options = Valid(Plaintext);
        Assert.Null(options.ConfigFile);
    }

    [Fact]
    public void Load_MissingExplicitFile_IsAnError()
    {
        var result = Load([.. Plaintext, "--config", "/etc/relay/missing.yaml"]);
        var error = Assert.Single(result.Errors);
        Assert.Equal("config: file \"/etc/relay/missing.yaml\" does not exist", error.ToString());
    }

    [Fact]
    public void Load_UnreadableDefaultFile_IsAnError()
    {
        var files = new InMemoryFileSystem().WithUnreadable(RelayDefaults.ConfigFilePath);
        var error = Assert.Single(Load(Plaintext, files: files).Errors);
        Assert.Equal("config", error.Key);
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Load_ExplicitFile_IsReadInsteadOfTheDefault()
    {
        var files = DefaultConfig("cluster-name: from-default\n").With("/tmp/relay.yaml", "cluster-name: from-explicit\n");
        var options = Valid([.. Plaintext, "--config", "/tmp/relay.yaml"], files: files);
        Assert.Equal("from-explicit", options.ClusterName);
        Assert.Equal("/tmp/relay.yaml", options.ConfigFile);
    }
}

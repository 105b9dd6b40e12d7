using Relay.Api.Configuration;
using static Relay.Api.Tests.Configuration.ConfigTestKit;

namespace Relay.Api.Tests.Configuration;

/// <summary>Flag &gt; environment &gt; config file &gt; default, for every setting that has a value.</summary>
public sealed class PrecedenceTests
{
    // key, flag value, env value, file value, default as described
    public static TheoryData<string, string, string, string, string> Settings => new()
    {
        { "cluster-name", "flag-cluster", "env-cluster", "file-cluster", "default" },
        { "peer-service", "flag-peer:1", "env-peer:2", "file-peer:3", "unix:///var/run/cilium/hubble.sock" },
        { "listen-address", ":1001", ":1002", ":1003", ":4245" },
        { "health-listen-address", ":2001", ":2002", ":2003", ":4222" },
        { "metrics-listen-address", ":3001", ":3002", ":3003", "(off)" },
        { "dial-timeout", "1s", "2s", "3s", "5s" },
        { "retry-timeout", "10s", "20s", "1m30s", "30s" },
        { "sort-buffer-len-max", "10", "20", "30", "100" },
        { "sort-buffer-drain-timeout", "2s", "3s", "4s", "1s" },
        { "sort-lateness", "10ms", "20ms", "30ms", "100ms" },
        { "shutdown-grace-period", "1s", "2s", "3s", "5s" },
        { "log-level", "debug", "warn", "error", "info" },
        { "log-format", "json", "text-ts", "json-ts", "text" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Load_EachSourceInTurn_HigherSourceWins(string key, string flag, string env, string file, string defaultValue)
    {
        var fileSystem = DefaultConfig($"{key}: \"{file}\"\n");

        Assert.Equal(flag, Valid([.. Plaintext, "--" + key, flag], Env(key, env), fileSystem).Effective(key));
        Assert.Equal(env, Valid(Plaintext, Env(key, env), fileSystem).Effective(key));
        Assert.Equal(file, Valid(Plaintext, files: fileSystem).Effective(key));
        Assert.Equal(defaultValue, Valid(Plaintext).Effective(key));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Load_UnquotedFileValue_ReadsLikeQuoted(string key, string flag, string env, string file, string defaultValue)
    {
        var options = Valid(Plaintext, files: DefaultConfig($"{key}: {file}\n"));
        Assert.Equal(file, options.Effective(key));
        Assert.DoesNotContain(options.Effective(key), new[] { flag, env, defaultValue });
    }

    [Theory]
    [InlineData("RELAY_DIAL-TIMEOUT")]
    [InlineData("RELAY_DIAL_TIMEOUT")]
    public void Load_EitherEnvironmentForm_IsRead(string variable)
    {
        var options = Valid(Plaintext, new Dictionary<string, string> { [variable] = "7s" });
        Assert.Equal(TimeSpan.FromSeconds(7), options.DialTimeout);
    }

    [Fact]
    public void Load_BothEnvironmentForms_UpstreamDashedFormWins()
    {
        var env = new Dictionary<string, string> { ["RELAY_DIAL_TIMEOUT"] = "8s", ["RELAY_DIAL-TIMEOUT"] = "7s" };
        Assert.Equal(TimeSpan.FromSeconds(7), Valid(Plaintext, env).DialTimeout);
    }

    [Fact]
    public void Load_EmptyEnvironmentVariable_CountsAsUnset()
    {
        var options = Valid(Plaintext, Env("dial-timeout", ""), DefaultConfig("dial-timeout: 3s\n"));
        Assert.Equal(TimeSpan.FromSeconds(3), options.DialTimeout);
    }

    [Fact]
    public void Load_ExplicitlyEmptyFlag_TakesTheDefaultOverLowerSources()
    {
        var options = Valid([.. Plaintext, "--metrics-listen-address", ""], files: DefaultConfig("metrics-listen-address: \":9966\"\n"));
        Assert.Null(options.MetricsListenAddress);
    }

    [Fact]
    public void Load_BooleansFromEachSource_FollowPrecedence()
    {
        var env = new Dictionary<string, string> { ["RELAY_DISABLE_CLIENT_TLS"] = "true", ["RELAY_DEBUG"] = "1" };
        var options = Valid(["--debug=false"], env, DefaultConfig("disable-server-tls: \"true\"\ndebug: true\n"));
        Assert.Null(options.ServerTls);
        Assert.Null(options.ClientTls);
        Assert.False(options.Log.Debug);
    }

    [Theory]
    [InlineData("-D")]
    [InlineData("--debug")]
    public void Load_DebugFlag_LowersTheLogLevel(string flag)
    {
        var options = Valid([.. Plaintext, flag, "--log-level", "warn"]);
        Assert.True(options.Log.Debug);
        Assert.Equal("debug", options.Effective("log-level"));
    }

    [Fact]
    public void Load_HubbleServerOnly_NamesThePeerService()
    {
        var env = new Dictionary<string, string> { ["HUBBLE_SERVER"] = "relay-peer.example:4244" };
        Assert.Equal(PeerServiceAddress.Tcp("relay-peer.example", 4244), Valid(Plaintext, env).PeerService);
    }

    [Theory]
    [InlineData("flag")]
    [InlineData("env")]
    [InlineData("file")]
    public void Load_HubbleServerAndAnotherSource_OtherSourceWins(string source)
    {
        var env = new Dictionary<string, string> { ["HUBBLE_SERVER"] = "fallback:4244" };
        string[] args = source == "flag" ? [.. Plaintext, "--peer-service", "chosen:1"] : Plaintext;
        if (source == "env")
            env["RELAY_PEER_SERVICE"] = "chosen:1";
        var files = source == "file" ? DefaultConfig("peer-service: chosen:1\n") : new InMemoryFileSystem();

        Assert.Equal("chosen:1", Valid(args, env, files).PeerService.ToString());
    }

    private static Dictionary<string, string> Env(string key, string value) =>
        new() { ["RELAY_" + key.ToUpperInvariant()] = value };
}

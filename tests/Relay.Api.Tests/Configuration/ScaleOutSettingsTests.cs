using Relay.Api.Configuration;
using static Relay.Api.Tests.Configuration.ConfigTestKit;

namespace Relay.Api.Tests.Configuration;

/// <summary>The <c>--scale-out*</c> settings: off by default, read from every source, each bad value named.</summary>
public sealed class ScaleOutSettingsTests
{
    private static readonly string[] On = [.. Plaintext, "--scale-out"];

    [Fact]
    public void Load_Default_SingleRelay()
    {
        var options = Valid(Plaintext);

        Assert.Null(options.ScaleOut);
        Assert.Equal("off", options.Effective("scale-out"));
    }

    [Fact]
    public void Load_ScaleOutAlone_ListensOn4253FoundsAClusterAndDialsBackTheHostName()
    {
        var scaleOut = Valid(On).ScaleOut!;

        Assert.Equal(new ListenAddress(null, 4253), scaleOut.ListenAddress);
        Assert.Null(scaleOut.PublicAddress);
        Assert.Equal(ScaleOutDiscovery.SeedNodes, scaleOut.Discovery);
        Assert.Empty(scaleOut.SeedNodes);
    }

    [Fact]
    public void Load_FromFlags_EverySettingRead()
    {
        var scaleOut = Valid([
            .. On, "--scale-out-listen-address", "127.0.0.1:5000", "--scale-out-public-address", "relay-0.relay:5000",
            "--scale-out-seed-nodes", "relay-0.relay:5000,relay-1.relay:5000", "--scale-out-seed-nodes", "[fd00::1]:5000",
        ]).ScaleOut!;

        Assert.Equal(new ListenAddress("127.0.0.1", 5000), scaleOut.ListenAddress);
        Assert.Equal(new ScaleOutAddress("relay-0.relay", 5000), scaleOut.PublicAddress);
        Assert.Equal(["relay-0.relay:5000", "relay-1.relay:5000", "[fd00::1]:5000"], scaleOut.SeedNodes.Select(s => s.ToString()));
    }

    [Fact]
    public void Load_FromEnvironment_KubernetesDiscoveryWithThePodIp()
    {
        var env = new Dictionary<string, string>
        {
            ["RELAY_SCALE_OUT"] = "true",
            ["RELAY_SCALE-OUT-DISCOVERY"] = "kubernetes",
            ["RELAY_SCALE_OUT_KUBERNETES_SELECTOR"] = "app.kubernetes.io/name=hubble-relay",
            ["RELAY_SCALE_OUT_KUBERNETES_REQUIRED_PODS"] = "3",
            ["POD_IP"] = "10.0.3.7",
        };

        var scaleOut = Valid(Plaintext, env).ScaleOut!;

        Assert.Equal(ScaleOutDiscovery.Kubernetes, scaleOut.Discovery);
        Assert.Equal("app.kubernetes.io/name=hubble-relay", scaleOut.KubernetesSelector);
        Assert.Equal(3, scaleOut.KubernetesRequiredPods);
        Assert.Equal(new ScaleOutAddress("10.0.3.7", 0), scaleOut.PublicAddress);
    }

    [Fact]
    public void Load_FromConfigFile_ChartStyleValues()
    {
        var files = DefaultConfig("scale-out: \"true\"\nscale-out-seed-nodes:\n  - 10.0.0.1:4253\n  - 10.0.0.2:4253\nscale-out-listen-address: \":5000\"\n");

        var scaleOut = Valid(Plaintext, files: files).ScaleOut!;

        Assert.Equal(["10.0.0.1:4253", "10.0.0.2:4253"], scaleOut.SeedNodes.Select(s => s.ToString()));
        Assert.Equal(5000, scaleOut.ListenAddress.Port);
    }

    [Fact]
    public void Load_PublicAddressFlag_WinsOverThePodIp()
    {
        var scaleOut = Valid([.. On, "--scale-out-public-address", "relay.example"], new Dictionary<string, string> { ["POD_IP"] = "10.0.3.7" }).ScaleOut!;

        Assert.Equal(new ScaleOutAddress("relay.example", 0), scaleOut.PublicAddress);
    }

    [Fact]
    public void Load_ScaleOutSettingsWithoutScaleOut_WarnedAsWithoutEffect()
    {
        var result = Load([.. Plaintext, "--scale-out-seed-nodes", "10.0.0.1:4253"]);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("scale-out-seed-nodes", "has no effect without scale-out (from flag --scale-out-seed-nodes)"), (warning.Key, warning.Message));
    }

    [Fact]
    public void Load_SeedNodesWithKubernetesDiscovery_Warned()
    {
        var result = Load([.. On, "--scale-out-discovery", "kubernetes", "--scale-out-seed-nodes", "10.0.0.1:4253"], new Dictionary<string, string> { ["POD_IP"] = "10.0.3.7" });

        Assert.True(result.IsValid);
        Assert.Contains("has no effect with scale-out-discovery kubernetes", Assert.Single(result.Warnings).Message);
    }

    public static TheoryData<string[], string, string> BadValues => new()
    {
        { ["--scale-out", "--scale-out-listen-address=4253"], "scale-out-listen-address", "has no port" },
        { ["--scale-out", "--scale-out-listen-address=:4245"], "scale-out-listen-address", "same port as listen-address" },
        { ["--scale-out", "--scale-out-public-address=:4253"], "scale-out-public-address", "names no host" },
        { ["--scale-out", "--scale-out-public-address=relay_0..x:1"], "scale-out-public-address", "not a valid host name" },
        { ["--scale-out", "--scale-out-seed-nodes=relay-0"], "scale-out-seed-nodes", "has no port" },
        { ["--scale-out", "--scale-out-seed-nodes=relay-0:0"], "scale-out-seed-nodes", "1..65535" },
        { ["--scale-out", "--scale-out-discovery=dns"], "scale-out-discovery", "\"dns\" is not a discovery method" },
        { ["--scale-out", "--scale-out-discovery=kubernetes", "--scale-out-public-address=10.0.3.7", "--scale-out-kubernetes-selector=hubble"], "scale-out-kubernetes-selector", "not a label selector" },
        { ["--scale-out", "--scale-out-discovery=kubernetes", "--scale-out-public-address=10.0.3.7", "--scale-out-kubernetes-required-pods=0"], "scale-out-kubernetes-required-pods", "must be at least 1" },
        { ["--scale-out", "--scale-out-discovery=kubernetes", "--scale-out-public-address=10.0.3.7", "--scale-out-kubernetes-required-pods=x"], "scale-out-kubernetes-required-pods", "is not a whole number" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Load_BadValue_OneErrorNamingTheKey(string[] args, string key, string problem)
    {
        var result = Load([.. Plaintext, .. args]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Load_BadScaleOutVariable_ErrorNamesTheKeyAndTheVariable()
    {
        var error = Assert.Single(Load(Plaintext, new Dictionary<string, string> { ["RELAY_SCALE_OUT"] = "maybe" }).Errors);

        Assert.Equal("scale-out: \"maybe\" is not true or false (from env RELAY_SCALE_OUT)", error.ToString());
    }

    [Fact]
    public void Load_KubernetesWithoutThePodIp_ErrorSaysHowToGiveIt()
    {
        var error = Assert.Single(Load([.. On, "--scale-out-discovery", "kubernetes"]).Errors);

        Assert.Equal("scale-out-discovery", error.Key);
        Assert.Contains("set POD_IP (fieldRef status.podIP) or scale-out-public-address", error.Message);
    }

    [Fact]
    public void Load_BadPodIp_ErrorNamesTheVariable()
    {
        var error = Assert.Single(Load(On, new Dictionary<string, string> { ["POD_IP"] = "not an ip" }).Errors);

        Assert.Equal("scale-out-public-address", error.Key);
        Assert.EndsWith("(from env POD_IP)", error.Message);
    }

    [Fact]
    public void Describe_ScaleOutOn_ListsItsSettings()
    {
        var options = Valid([.. On, "--scale-out-seed-nodes", "10.0.0.1:4253"]);

        Assert.Equal("on", options.Effective("scale-out"));
        Assert.Equal(":4253", options.Effective("scale-out-listen-address"));
        Assert.Equal("10.0.0.1:4253", options.Effective("scale-out-seed-nodes"));
        Assert.Equal("seed-nodes", options.Effective("scale-out-discovery"));
    }
}

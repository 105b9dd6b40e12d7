using Akka.Configuration;
using Relay.Api.Configuration;
using Relay.Api.Hosting.ScaleOut;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>The Akka configuration the scale-out settings produce.</summary>
public sealed class ScaleOutHoconTests
{
    private static ScaleOutOptions Options(params string[] args)
    {
        var loaded = RelayOptionsLoader.Load(
            ["--disable-server-tls", "--disable-client-tls", "--scale-out", .. args],
            new Dictionary<string, string> { ["POD_IP"] = "10.0.3.7" },
            new Configuration.InMemoryFileSystem());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Options!.ScaleOut!;
    }

    [Fact]
    public void Settings_SeedNodes_BindsEveryInterfaceAndAdvertisesThePodIp()
    {
        var config = ConfigurationFactory.ParseString(ScaleOutHocon.Settings(Options("--scale-out-seed-nodes", "10.0.3.8:4253"), "relay-pod"));

        Assert.Equal("0.0.0.0", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(4253, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("10.0.3.7", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(0, config.GetInt("akka.remote.dot-netty.tcp.public-port"));
        Assert.Equal(["akka.tcp://hubble-relay@10.0.3.8:4253"], ScaleOutHocon.SeedAddresses(Options("--scale-out-seed-nodes", "10.0.3.8:4253")).Select(a => a.ToString()));
    }

    [Fact]
    public void Settings_PublicAddressWithAPort_AdvertisedAsIs()
    {
        var config = ConfigurationFactory.ParseString(ScaleOutHocon.Settings(
            Options("--scale-out-listen-address", "10.0.3.9:4253", "--scale-out-public-address", "relay.example:5000"), "relay-pod"));

        Assert.Equal("10.0.3.9", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("relay.example", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(5000, config.GetInt("akka.remote.dot-netty.tcp.public-port"));
    }

    [Fact]
    public void Settings_NoPublicAddressAndEveryInterface_AdvertisesTheHostName()
    {
        var loaded = RelayOptionsLoader.Load(
            ["--disable-server-tls", "--disable-client-tls", "--scale-out"], new Dictionary<string, string>(), new Configuration.InMemoryFileSystem());

        var config = ConfigurationFactory.ParseString(ScaleOutHocon.Settings(loaded.Options!.ScaleOut!, "relay-host"));

        Assert.Equal("relay-host", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.False(config.HasPath("akka.cluster.seed-nodes")); // joined from code, once the directory listens
    }

    [Fact]
    public void For_LayersClusterOverRelayConfiguration()
    {
        var config = ScaleOutHocon.For(Options());

        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("keep-oldest", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.down-removal-margin")); // not stable-after
        Assert.False(config.GetBoolean("akka.cluster.sharding.remember-entities"));
        Assert.True(config.GetInt("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit") > 0); // rebalances in a round or two
        Assert.Equal(30, config.GetInt("akka.actor.default-dispatcher.throughput")); // relay.hocon underneath
    }
}

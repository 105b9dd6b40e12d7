using Relay.Actors.Nodes;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Nodes;

public sealed class NodeChannelFactoryTests
{
    [Fact]
    public void Create_MalformedAddress_FormatException()
    {
        var factory = new NodeChannelFactory(new NodeConnectionSettings());

        Assert.Throws<FormatException>(() => factory.Create("10.0.0.1:nope", null));
    }

    [Fact]
    public void From_PeerManagerSettings_TakesDialTimeoutAndVersion()
    {
        var settings = NodeConnectionSettings.From(new PeerManagerSettings { DialTimeout = TimeSpan.FromSeconds(2), RelayVersion = "9.9" });

        Assert.Equal((TimeSpan.FromSeconds(2), "9.9"), (settings.DialTimeout, settings.RelayVersion));
        Assert.Null(settings.Tls);
    }

    [Fact]
    public void PeerServerNames_DotsBecomeHyphens() =>
        Assert.Equal("hubble-peer.my-cluster.hubble-grpc.cilium.io", PeerServerNames.PeerService("my.cluster"));
}

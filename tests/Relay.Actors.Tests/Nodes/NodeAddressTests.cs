using Relay.Actors.Nodes;

namespace Relay.Actors.Tests.Nodes;

public sealed class NodeAddressTests
{
    [Theory]
    [InlineData("10.0.0.1:4244", "10.0.0.1", 4244)]
    [InlineData("10.0.0.1", "10.0.0.1", 4244)]
    [InlineData("[fd00::1]:4244", "fd00::1", 4244)]
    [InlineData("[fd00::1]", "fd00::1", 4244)]
    [InlineData("fd00::1", "fd00::1", 4244)]
    [InlineData("hubble-peer.kube-system.svc.cluster.local:443", "hubble-peer.kube-system.svc.cluster.local", 443)]
    [InlineData("node-1", "node-1", 4244)]
    [InlineData("dns:///relay.example:4245", "relay.example", 4245)]
    [InlineData("dns://8.8.8.8/relay.example:4245", "relay.example", 4245)]
    [InlineData("http://localhost:4245/", "localhost", 4245)]
    [InlineData("  10.0.0.1:80  ", "10.0.0.1", 80)]
    public void Parse_TcpForms_HostAndPort(string address, string host, int port)
    {
        var parsed = NodeAddress.Parse(address);

        Assert.False(parsed.IsUnixSocket);
        Assert.Equal((host, port), (parsed.Host, parsed.Port));
    }

    [Theory]
    [InlineData("unix:///var/run/cilium/hubble.sock", "/var/run/cilium/hubble.sock")]
    [InlineData("unix:/var/run/cilium/hubble.sock", "/var/run/cilium/hubble.sock")]
    [InlineData("/var/run/cilium/hubble.sock", "/var/run/cilium/hubble.sock")]
    public void Parse_UnixSocketForms_Path(string address, string path)
    {
        var parsed = NodeAddress.Parse(address);

        Assert.Equal(path, parsed.SocketPath);
        Assert.Equal("unix://" + path, parsed.ToString());
        Assert.Equal(new Uri("http://localhost"), parsed.ToHttpUri());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("unix://")]
    [InlineData("10.0.0.1:http")]
    [InlineData("10.0.0.1:70000")]
    [InlineData(":4244")]
    [InlineData("[fd00::1")]
    [InlineData("[fd00::1]x")]
    public void Parse_Malformed_ThrowsFormatException(string address) =>
        Assert.Throws<FormatException>(() => NodeAddress.Parse(address));

    [Fact]
    public void Parse_WithoutPort_UsesTheGivenDefault() =>
        Assert.Equal("hubble.local:443", NodeAddress.Parse("hubble.local", NodeAddress.PeerServicePort).ToString());

    [Fact]
    public void ToHttpUri_Ipv6_Bracketed() =>
        Assert.Equal(new Uri("http://[fd00::1]:4244"), NodeAddress.Parse("fd00::1").ToHttpUri());
}

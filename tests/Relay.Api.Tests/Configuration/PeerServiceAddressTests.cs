using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

public sealed class PeerServiceAddressTests
{
    [Theory]
    [InlineData("unix:///var/run/cilium/hubble.sock", "/var/run/cilium/hubble.sock", "unix:///var/run/cilium/hubble.sock")]
    [InlineData("unix:relative/hubble.sock", "relative/hubble.sock", "unix:relative/hubble.sock")]
    public void TryParse_UnixSocket_ReadsThePath(string text, string path, string normalised)
    {
        Assert.True(PeerServiceAddress.TryParse(text, out var address, out var problem), problem);
        Assert.True(address.IsUnixSocket);
        Assert.Equal(path, address.UnixSocketPath);
        Assert.Equal(normalised, address.ToString());
    }

    [Theory]
    [InlineData("hubble-peer.kube-system.svc.cluster.local.:443", "hubble-peer.kube-system.svc.cluster.local.", 443)]
    [InlineData("hubble-peer:80", "hubble-peer", 80)]
    [InlineData("hubble-peer", "hubble-peer", RelayDefaults.PeerServicePort)]
    [InlineData("dns:///hubble-peer:4244", "hubble-peer", 4244)]
    [InlineData("dns:hubble-peer", "hubble-peer", RelayDefaults.PeerServicePort)]
    [InlineData("10.0.0.1:4244", "10.0.0.1", 4244)]
    [InlineData("[fd00::1]:4244", "fd00::1", 4244)]
    [InlineData("[fd00::1]", "fd00::1", RelayDefaults.PeerServicePort)]
    [InlineData("fd00::1", "fd00::1", RelayDefaults.PeerServicePort)]
    public void TryParse_TcpTarget_ReadsHostAndPort(string text, string host, int port)
    {
        Assert.True(PeerServiceAddress.TryParse(text, out var address, out var problem), problem);
        Assert.False(address.IsUnixSocket);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("http://hubble-peer:80", "unsupported scheme \"http\"")]
    [InlineData("unix://host/socket", "absolute socket path")]
    [InlineData("unix:///", "absolute socket path")]
    [InlineData("unix:", "names no socket path")]
    [InlineData("/var/run/cilium/hubble.sock", "write unix:///var/run/cilium/hubble.sock")]
    [InlineData("dns://8.8.8.8/hubble-peer:443", "names a DNS server")]
    [InlineData(":4244", "names no host")]
    [InlineData("hubble-peer:0", "1..65535")]
    [InlineData("hubble-peer:70000", "1..65535")]
    [InlineData("hubble peer:443", "not a valid host")]
    public void TryParse_InvalidTarget_SaysWhy(string text, string problem)
    {
        Assert.False(PeerServiceAddress.TryParse(text, out _, out var actual));
        Assert.Contains(problem, actual);
    }
}

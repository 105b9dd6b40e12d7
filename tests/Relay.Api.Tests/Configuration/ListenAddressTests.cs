using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":4245", null, 4245, ":4245")]
    [InlineData(":0", null, 0, ":0")]
    [InlineData("0.0.0.0:4222", "0.0.0.0", 4222, "0.0.0.0:4222")]
    [InlineData("127.0.0.1:65535", "127.0.0.1", 65535, "127.0.0.1:65535")]
    [InlineData("localhost:4246", "localhost", 4246, "localhost:4246")]
    [InlineData("relay.kube-system.svc.:80", "relay.kube-system.svc.", 80, "relay.kube-system.svc.:80")]
    [InlineData("[::1]:4245", "::1", 4245, "[::1]:4245")]
    [InlineData("[::]:9966", "::", 9966, "[::]:9966")]
    public void TryParse_ValidForm_ReadsHostAndPort(string text, string? host, int port, string normalised)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var problem), problem);
        Assert.Equal(new ListenAddress(host, port), address);
        Assert.Equal(normalised, address.ToString());
    }

    [Theory]
    [InlineData("4245", "has no port")]
    [InlineData("localhost", "has no port")]
    [InlineData(":", "missing port number")]
    [InlineData(":65536", "0..65535")]
    [InlineData(":-1", "0..65535")]
    [InlineData(":http", "0..65535")]
    [InlineData("::1:4245", "brackets")]
    [InlineData("[::1:4245", "missing ']'")]
    [InlineData("[::1]4245", "after ']'")]
    [InlineData("[nothost]:1", "not an IPv6 address")]
    [InlineData("bad_host!:4245", "not a valid host")]
    [InlineData("999.1.1.1:4245", "not a valid host")]
    [InlineData("-leading.dash:1", "not a valid host")]
    public void TryParse_InvalidForm_SaysWhy(string text, string problem)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var actual));
        Assert.Contains(problem, actual);
    }

    [Theory]
    [InlineData(":4245", "127.0.0.1:4245", true)]
    [InlineData("[::]:4245", "localhost:4245", true)]
    [InlineData("localhost:4245", "LOCALHOST:4245", true)]
    [InlineData("127.0.0.1:4245", "127.0.0.2:4245", false)]
    [InlineData(":4245", ":4222", false)]
    [InlineData(":0", ":0", false)]
    public void Overlaps_TwoAddresses_TellsWhetherTheyClaimOnePort(string a, string b, bool expected)
    {
        Assert.True(ListenAddress.TryParse(a, out var first, out _));
        Assert.True(ListenAddress.TryParse(b, out var second, out _));
        Assert.Equal(expected, first.Overlaps(second));
        Assert.Equal(expected, second.Overlaps(first));
    }
}

using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class IpFilterTests
{
    private static Flow FlowBetween(string source, string destination, string xlated = "") =>
        new() { IP = new IP { Source = source, Destination = destination, SourceXlated = xlated } };

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.1", "10.0.0.2", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/16", "10.1.200.1", true)]
    [InlineData("0.0.0.0/0", "192.168.1.1", true)]
    [InlineData("192.168.1.1/32", "192.168.1.1", true)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("2001:DB8::1", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::7", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", true)]
    [InlineData("fd00::1:2:3:4/128", "fd00::1:2:3:4", true)]
    [InlineData("::ffff:0:0/96", "1.2.3.4", true)]
    [InlineData("10.0.0.0/8", "", false)]
    [InlineData("10.0.0.0/8", "not-an-ip", false)]
    public void SourceIp_ExactOrCidr_MatchesSourceAddress(string filterValue, string flowSource, bool expected)
    {
        var filter = Filter(f => f.SourceIp.Add(filterValue));

        Assert.Equal(expected, Passes(filter, FlowBetween(flowSource, "192.0.2.1")));
    }

    [Fact]
    public void DestinationIp_LooksAtDestinationOnly()
    {
        var filter = Filter(f => f.DestinationIp.Add("10.0.0.0/24"));

        Assert.True(Passes(filter, FlowBetween("192.0.2.1", "10.0.0.9")));
        Assert.False(Passes(filter, FlowBetween("10.0.0.9", "192.0.2.1")));
    }

    [Fact]
    public void SourceIp_LooksAtSourceOnly()
    {
        var filter = Filter(f => f.SourceIp.Add("10.0.0.9"));

        Assert.False(Passes(filter, FlowBetween("192.0.2.1", "10.0.0.9")));
    }

    [Fact]
    public void SourceIpXlated_MatchesTranslatedSource()
    {
        var filter = Filter(f => f.SourceIpXlated.Add("172.16.0.0/12"));

        Assert.True(Passes(filter, FlowBetween("10.0.0.1", "192.0.2.1", xlated: "172.16.5.5")));
        Assert.False(Passes(filter, FlowBetween("172.16.5.5", "192.0.2.1")));
    }

    [Fact]
    public void SourceIp_NoIpLayer_DoesNotMatch()
    {
        Assert.False(Passes(Filter(f => f.SourceIp.Add("0.0.0.0/0")), new Flow()));
    }

    [Fact]
    public void SourceIp_SeveralValues_AnyMayMatch()
    {
        var filter = Filter(f => f.SourceIp.Add(["10.0.0.1", "2001:db8::/64"]));

        Assert.True(Passes(filter, FlowBetween("10.0.0.1", "192.0.2.1")));
        Assert.True(Passes(filter, FlowBetween("2001:db8::5", "192.0.2.1")));
        Assert.False(Passes(filter, FlowBetween("10.0.0.2", "192.0.2.1")));
    }

    [Theory]
    [InlineData("source_ip", "10.0.0.0/33")]
    [InlineData("source_ip", "10.0.0/8")]
    [InlineData("source_ip", "10.0.0.0/")]
    [InlineData("source_ip", "2001:db8::/129")]
    [InlineData("destination_ip", "10.0.0.256")]
    [InlineData("destination_ip", "010.0.0.1")]
    [InlineData("destination_ip", "fe80::1%eth0")]
    [InlineData("destination_ip", "host.example")]
    [InlineData("source_ip_xlated", "1::2::3")]
    [InlineData("source_ip_xlated", "")]
    public void InvalidAddress_IsRejectedWithItsFieldName(string field, string value)
    {
        var filter = Filter(f =>
        {
            var list = field switch
            {
                "source_ip" => f.SourceIp,
                "destination_ip" => f.DestinationIp,
                _ => f.SourceIpXlated,
            };
            list.Add(value);
        });

        var error = Rejects(filter);
        Assert.Equal(field, error.Field);
        Assert.Contains(value, error.Message);
    }
}

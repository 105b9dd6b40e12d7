using Relay.Streams.Filtering;

namespace Relay.Streams.Tests.Filtering;

public sealed class IpAddressParserTests
{
    [Theory]
    [InlineData("0.0.0.0", "::ffff:0.0.0.0")]
    [InlineData("255.255.255.255", "::ffff:255.255.255.255")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]
    [InlineData("2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::c000:221")]
    [InlineData("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304")]
    public void TryParse_ValidAddress_ParsesLikeDotNet(string text, string expected)
    {
        Assert.True(IpAddressParser.TryParse(text, out var parsed, out _));

        var bytes = System.Net.IPAddress.Parse(expected).GetAddressBytes();
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.04")]
    [InlineData("1.2.3.256")]
    [InlineData("1.2.3.4 ")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7::8")]
    [InlineData("1::2::3")]
    [InlineData("12345::")]
    [InlineData("::1.2.3")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("fe80::1%eth0")]
    [InlineData("g::1")]
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(IpAddressParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void IsV4_TellsMappedAddresses()
    {
        Assert.True(IpAddressParser.TryParse("10.1.2.3", out var v4, out var v4Text));
        Assert.True(IpAddressParser.TryParse("2001:db8::1", out var v6, out var v6Text));

        Assert.True(IpAddressParser.IsV4(v4));
        Assert.True(v4Text);
        Assert.False(IpAddressParser.IsV4(v6));
        Assert.False(v6Text);
    }
}

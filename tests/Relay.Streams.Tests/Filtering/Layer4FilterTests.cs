using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class Layer4FilterTests
{
    private static Flow Tcp(uint sourcePort, uint destinationPort, TCPFlags? flags = null) =>
        new() { L4 = new Layer4 { TCP = new TCP { SourcePort = sourcePort, DestinationPort = destinationPort, Flags = flags } } };

    private static Flow Udp(uint sourcePort, uint destinationPort) =>
        new() { L4 = new Layer4 { UDP = new UDP { SourcePort = sourcePort, DestinationPort = destinationPort } } };

    private static Flow Sctp(uint sourcePort, uint destinationPort) =>
        new() { L4 = new Layer4 { SCTP = new SCTP { SourcePort = sourcePort, DestinationPort = destinationPort } } };

    public static TheoryData<string, Flow, bool> Protocols => new()
    {
        { "tcp", Tcp(1, 2), true },
        { "TCP", Tcp(1, 2), true },
        { "udp", Tcp(1, 2), false },
        { "udp", Udp(1, 2), true },
        { "sctp", Sctp(1, 2), true },
        { "icmp", new Flow { L4 = new Layer4 { ICMPv4 = new ICMPv4() } }, true },
        { "icmp", new Flow { L4 = new Layer4 { ICMPv6 = new ICMPv6() } }, true },
        { "icmpv4", new Flow { L4 = new Layer4 { ICMPv6 = new ICMPv6() } }, false },
        { "ICMPv6", new Flow { L4 = new Layer4 { ICMPv6 = new ICMPv6() } }, true },
        { "vrrp", new Flow { L4 = new Layer4 { VRRP = new VRRP() } }, true },
        { "igmp", new Flow { L4 = new Layer4 { IGMP = new IGMP() } }, true },
        { "http", new Flow { L7 = new Layer7 { Http = new HTTP() } }, true },
        { "dns", new Flow { L7 = new Layer7 { Http = new HTTP() } }, false },
        { "DNS", new Flow { L4 = new Layer4 { UDP = new UDP() }, L7 = new Layer7 { Dns = new DNS() } }, true },
#pragma warning disable CS0612 // Kafka records are deprecated upstream but still a valid protocol filter.
        { "kafka", new Flow { L7 = new Layer7 { Kafka = new Kafka() } }, true },
#pragma warning restore CS0612
        { "tcp", new Flow(), false },
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Protocol_NamesLayer4OrLayer7Record_CaseInsensitive(string protocol, Flow flow, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.Protocol.Add(protocol)), flow));
    }

    [Fact]
    public void Protocol_Unknown_IsRejectedWithItsFieldName()
    {
        var error = Rejects(Filter(f => f.Protocol.Add("quic")));

        Assert.Equal("protocol", error.Field);
        Assert.Contains("quic", error.Message);
    }

    [Fact]
    public void SourcePort_MatchesTcpUdpAndSctpSourcePorts()
    {
        var filter = Filter(f => f.SourcePort.Add(["53", "8080"]));

        Assert.True(Passes(filter, Tcp(8080, 1)));
        Assert.True(Passes(filter, Udp(53, 1)));
        Assert.True(Passes(filter, Sctp(53, 1)));
        Assert.False(Passes(filter, Tcp(1, 8080)));
        Assert.False(Passes(filter, new Flow { L4 = new Layer4 { ICMPv4 = new ICMPv4() } }));
    }

    [Fact]
    public void DestinationPort_MatchesDestinationOnly()
    {
        var filter = Filter(f => f.DestinationPort.Add("443"));

        Assert.True(Passes(filter, Tcp(50000, 443)));
        Assert.False(Passes(filter, Tcp(443, 50000)));
    }

    [Theory]
    [InlineData("source_port", "65536")]
    [InlineData("source_port", "-1")]
    [InlineData("destination_port", "http")]
    [InlineData("destination_port", "")]
    public void InvalidPort_IsRejectedWithItsFieldName(string field, string value)
    {
        var filter = Filter(f => (field == "source_port" ? f.SourcePort : f.DestinationPort).Add(value));

        Assert.Equal(field, Rejects(filter).Field);
    }

    [Fact]
    public void TcpFlags_FlowMustHaveEveryFlagOfOneEntry()
    {
        var synAck = Tcp(1, 2, new TCPFlags { SYN = true, ACK = true });
        var syn = Tcp(1, 2, new TCPFlags { SYN = true });
        var fin = Tcp(1, 2, new TCPFlags { FIN = true, ACK = true });

        var wantsSynAck = Filter(f => f.TcpFlags.Add(new TCPFlags { SYN = true, ACK = true }));
        Assert.True(Passes(wantsSynAck, synAck));
        Assert.False(Passes(wantsSynAck, syn));

        var wantsSynOrFin = Filter(f => f.TcpFlags.Add([new TCPFlags { SYN = true }, new TCPFlags { FIN = true }]));
        Assert.True(Passes(wantsSynOrFin, synAck));
        Assert.True(Passes(wantsSynOrFin, fin));
        Assert.False(Passes(wantsSynOrFin, Tcp(1, 2, new TCPFlags { RST = true })));
        Assert.False(Passes(wantsSynOrFin, Tcp(1, 2)));
        Assert.False(Passes(wantsSynOrFin, Udp(1, 2)));
    }

    [Fact]
    public void TcpFlags_EachFlagIsChecked()
    {
        var all = new TCPFlags
        {
            FIN = true,
            SYN = true,
            RST = true,
            PSH = true,
            ACK = true,
            URG = true,
            ECE = true,
            CWR = true,
            NS = true,
        };
        foreach (var field in TCPFlags.Descriptor.Fields.InFieldNumberOrder())
        {
            var only = new TCPFlags();
            field.Accessor.SetValue(only, true);
            var withoutIt = all.Clone();
            field.Accessor.SetValue(withoutIt, false);
            var filter = Filter(f => f.TcpFlags.Add(only));

            Assert.True(Passes(filter, Tcp(1, 2, all)), field.Name);
            Assert.False(Passes(filter, Tcp(1, 2, withoutIt)), field.Name);
        }
    }
}

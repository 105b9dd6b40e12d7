using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>protocol</c>: the flow carries one of the L4 (<c>tcp</c>, <c>udp</c>, <c>sctp</c>, <c>icmp</c>,
/// <c>icmpv4</c>, <c>icmpv6</c>, <c>vrrp</c>, <c>igmp</c>) or L7 (<c>dns</c>, <c>http</c>, <c>kafka</c>)
/// records named, case-insensitively.
/// </summary>
internal sealed class ProtocolFilter : FlowPredicate
{
    private readonly Layer4.ProtocolOneofCase[] _layer4;
    private readonly Layer7.RecordOneofCase[] _layer7;

    private ProtocolFilter(Layer4.ProtocolOneofCase[] layer4, Layer7.RecordOneofCase[] layer7)
    {
        _layer4 = layer4;
        _layer7 = layer7;
    }

    public static ProtocolFilter Create(IEnumerable<string> values)
    {
        var layer4 = new HashSet<Layer4.ProtocolOneofCase>();
        var layer7 = new HashSet<Layer7.RecordOneofCase>();
        foreach (var value in values)
        {
            switch (value.ToLowerInvariant())
            {
                case "icmp":
                    layer4.Add(Layer4.ProtocolOneofCase.ICMPv4);
                    layer4.Add(Layer4.ProtocolOneofCase.ICMPv6);
                    break;
                case "icmpv4": layer4.Add(Layer4.ProtocolOneofCase.ICMPv4); break;
                case "icmpv6": layer4.Add(Layer4.ProtocolOneofCase.ICMPv6); break;
                case "tcp": layer4.Add(Layer4.ProtocolOneofCase.TCP); break;
                case "udp": layer4.Add(Layer4.ProtocolOneofCase.UDP); break;
                case "sctp": layer4.Add(Layer4.ProtocolOneofCase.SCTP); break;
                case "vrrp": layer4.Add(Layer4.ProtocolOneofCase.VRRP); break;
                case "igmp": layer4.Add(Layer4.ProtocolOneofCase.IGMP); break;
                case "dns": layer7.Add(Layer7.RecordOneofCase.Dns); break;
                case "http": layer7.Add(Layer7.RecordOneofCase.Http); break;
                case "kafka": layer7.Add(Layer7.RecordOneofCase.Kafka); break;
                default: throw new FormatException($"unknown protocol: \"{value}\"");
            }
        }

        return new ProtocolFilter(layer4.ToArray(), layer7.ToArray());
    }

    public override bool Matches(Flow flow)
    {
        var layer4 = flow.L4?.ProtocolCase ?? Layer4.ProtocolOneofCase.None;
        if (layer4 != Layer4.ProtocolOneofCase.None)
        {
            foreach (var wanted in _layer4)
            {
                if (wanted == layer4)
                {
                    return true;
                }
            }
        }

        var layer7 = flow.L7?.RecordCase ?? Layer7.RecordOneofCase.None;
        if (layer7 != Layer7.RecordOneofCase.None)
        {
            foreach (var wanted in _layer7)
            {
                if (wanted == layer7)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

using System.Globalization;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>source_port</c>, <c>destination_port</c>: the TCP, UDP or SCTP port equals one of the ports.</summary>
internal sealed class PortFilter : FlowPredicate
{
    private readonly ushort[] _ports;
    private readonly bool _source;

    private PortFilter(ushort[] ports, bool source)
    {
        _ports = ports;
        _source = source;
    }

    public static PortFilter Create(IEnumerable<string> values, bool source) =>
        new(values.Select(ParsePort).ToArray(), source);

    public override bool Matches(Flow flow)
    {
        if (!TryGetPort(flow.L4, out var port))
        {
            return false;
        }

        foreach (var wanted in _ports)
        {
            if (wanted == port)
            {
                return true;
            }
        }

        return false;
    }

    private bool TryGetPort(Layer4? layer4, out ushort port)
    {
        // Hubble reads ports as 16 bits.
        switch (layer4?.ProtocolCase)
        {
            case Layer4.ProtocolOneofCase.TCP:
                port = (ushort)(_source ? layer4.TCP.SourcePort : layer4.TCP.DestinationPort);
                return true;
            case Layer4.ProtocolOneofCase.UDP:
                port = (ushort)(_source ? layer4.UDP.SourcePort : layer4.UDP.DestinationPort);
                return true;
            case Layer4.ProtocolOneofCase.SCTP:
                port = (ushort)(_source ? layer4.SCTP.SourcePort : layer4.SCTP.DestinationPort);
                return true;
            default:
                port = 0;
                return false;
        }
    }

    private static ushort ParsePort(string value) =>
        ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new FormatException($"invalid port \"{value}\"");
}

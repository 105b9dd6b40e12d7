using System.Globalization;

namespace Relay.Streams.Filtering;

/// <summary>
/// An IP address or CIDR prefix from a filter, kept as 128 bits (IPv4 in its mapped form).
/// Like Go's <c>net.IPNet.Contains</c>, an IPv4 prefix contains only IPv4 addresses and vice versa.
/// </summary>
internal readonly struct IpPrefix
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private IpPrefix(UInt128 address, int bits)
    {
        _mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        _network = address & _mask;
    }

    /// <summary>Parses <c>1.2.3.4</c>, <c>2001:db8::1</c> (single addresses) or <c>10.0.0.0/8</c> (prefixes).</summary>
    public static IpPrefix Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            if (!IpAddressParser.TryParse(text, out var address, out _))
            {
                throw new FormatException($"invalid IP address in filter: \"{text}\"");
            }

            return new IpPrefix(address, 128);
        }

        var lengthText = text.AsSpan(slash + 1);
        var validLength = lengthText.Length is > 0 and <= 3 && !lengthText.ContainsAnyExcept("0123456789");
        var length = validLength ? int.Parse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture) : -1;
        if (!IpAddressParser.TryParse(text.AsSpan(0, slash), out var network, out var isV4Text)
            || length < 0
            || length > (isV4Text ? 32 : 128))
        {
            throw new FormatException($"invalid CIDR in filter: \"{text}\"");
        }

        return new IpPrefix(network, isV4Text ? 96 + length : length);
    }

    public bool Contains(UInt128 address) =>
        IpAddressParser.IsV4(address) == IpAddressParser.IsV4(_network) && (address & _mask) == _network;
}

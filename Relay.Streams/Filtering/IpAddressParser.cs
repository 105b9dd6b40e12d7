using System.Buffers.Binary;

namespace Relay.Streams.Filtering;

/// <summary>
/// Parses textual IP addresses into 128 bits without allocating, with Go's <c>net.ParseIP</c> rules
/// (dotted IPv4 without leading zeros, IPv6 with one <c>::</c> and an optional IPv4 tail, no zones).
/// IPv4 addresses are returned in their IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>).
/// </summary>
internal static class IpAddressParser
{
    private const int Ipv6Bytes = 16;
    private static readonly UInt128 V4MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>True when the address (as returned by <see cref="TryParse"/>) is an IPv4 address.</summary>
    public static bool IsV4(UInt128 address) => address >> 32 == 0xFFFF;

    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 address, out bool isV4Text)
    {
        address = default;
        isV4Text = text.IndexOf(':') < 0;
        if (isV4Text)
        {
            if (!TryParseV4(text, out var v4))
            {
                return false;
            }

            address = V4MappedPrefix | v4;
            return true;
        }

        Span<byte> bytes = stackalloc byte[Ipv6Bytes];
        if (!TryParseV6(text, bytes))
        {
            return false;
        }

        address = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (text.IsEmpty || text[0] != '.')
                {
                    return false;
                }

                text = text[1..];
            }

            var digits = 0;
            var number = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                number = number * 10 + (text[digits] - '0');
                digits++;
                if (number > 255)
                {
                    return false;
                }
            }

            // Go rejects leading zeros ("01") since they are ambiguous (octal in some parsers).
            if (digits == 0 || (digits > 1 && text[0] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)number;
            text = text[digits..];
        }

        return text.IsEmpty;
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        var ellipsis = -1;
        if (text.StartsWith("::"))
        {
            ellipsis = 0;
            text = text[2..];
            if (text.IsEmpty)
            {
                return true;
            }
        }

        var written = 0;
        while (written < Ipv6Bytes)
        {
            var digits = 0;
            var group = 0;
            while (digits < text.Length && digits < 5 && char.IsAsciiHexDigit(text[digits]))
            {
                group = (group << 4) | HexValue(text[digits]);
                digits++;
            }

            if (digits < text.Length && text[digits] == '.')
            {
                // An IPv4 tail takes the last four bytes.
                if ((ellipsis < 0 && written != Ipv6Bytes - 4) || written + 4 > Ipv6Bytes || !TryParseV4(text, out var v4))
                {
                    return false;
                }

                BinaryPrimitives.WriteUInt32BigEndian(bytes[written..], v4);
                written += 4;
                text = default;
                break;
            }

            if (digits is 0 or > 4)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(bytes[written..], (ushort)group);
            written += 2;
            text = text[digits..];
            if (text.IsEmpty)
            {
                break;
            }

            if (text[0] != ':' || text.Length == 1)
            {
                return false;
            }

            text = text[1..];
            if (text[0] == ':')
            {
                if (ellipsis >= 0)
                {
                    return false;
                }

                ellipsis = written;
                text = text[1..];
                if (text.IsEmpty)
                {
                    break;
                }
            }
        }

        if (!text.IsEmpty)
        {
            return false;
        }

        if (written == Ipv6Bytes)
        {
            // "::" must stand for at least one zero group.
            return ellipsis < 0;
        }

        if (ellipsis < 0)
        {
            return false;
        }

        var shift = Ipv6Bytes - written;
        bytes[ellipsis..written].CopyTo(bytes[(ellipsis + shift)..]);
        bytes.Slice(ellipsis, shift).Clear();
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}

using System.Buffers;
using System.Text;

namespace Relay.Streams.Filtering;

/// <summary>
/// The path of an HTTP request URI as Hubble sees it (Go's <c>url.ParseRequestURI(u).Path</c>): the part after
/// any scheme and authority and before the query, percent-decoded. Works on spans; decoding uses a stack
/// buffer (or a pooled one for very long paths), so nothing is allocated per flow.
/// </summary>
internal static class RequestUriPath
{
    private const int StackLimit = 512;

    // ASCII control characters, which Go refuses in URLs.
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\x7f']);

    /// <summary>The still-escaped path; false when Go would reject the URI (the filter then does not match).</summary>
    public static bool TryGetEscapedPath(ReadOnlySpan<char> uri, out ReadOnlySpan<char> path)
    {
        path = default;
        if (uri.IsEmpty || uri.ContainsAny(ControlCharacters))
        {
            return false;
        }

        if (uri is "*")
        {
            path = uri;
            return true;
        }

        var schemeLength = SchemeLength(uri);
        if (schemeLength < 0)
        {
            return false;
        }

        var rest = schemeLength == 0 ? uri : uri[(schemeLength + 1)..];
        var query = rest.IndexOf('?');
        rest = query < 0 ? rest : rest[..query];
        if (!rest.StartsWith('/'))
        {
            // "scheme:opaque" has an empty path; a relative reference is not a request URI.
            return schemeLength > 0;
        }

        if (schemeLength > 0 && rest.StartsWith("//"))
        {
            // Authority details (user info, port syntax) are not validated here.
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            rest = slash < 0 ? default : authority[slash..];
        }

        path = rest;
        return true;
    }

    /// <summary>Calls <paramref name="match"/> with the decoded path; false for an invalid escape.</summary>
    public static bool MatchDecoded<TState>(ReadOnlySpan<char> escaped, TState state, PathMatcher<TState> match)
    {
        if (escaped.IndexOf('%') < 0)
        {
            return match(escaped, state);
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(escaped.Length);
        byte[]? rentedBytes = null;
        char[]? rentedChars = null;
        var onStack = maxBytes <= StackLimit;
        var bytes = onStack ? stackalloc byte[StackLimit] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        var chars = onStack ? stackalloc char[StackLimit] : (rentedChars = ArrayPool<char>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(escaped, bytes);
            if (!TryUnescapeInPlace(bytes[..length], out length))
            {
                return false;
            }

            var charCount = Encoding.UTF8.GetChars(bytes[..length], chars);
            return match(chars[..charCount], state);
        }
        finally
        {
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }

            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }

    private static bool TryUnescapeInPlace(Span<byte> text, out int length)
    {
        length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == '%')
            {
                var valid = i + 2 < text.Length
                    && char.IsAsciiHexDigit((char)text[i + 1])
                    && char.IsAsciiHexDigit((char)text[i + 2]);
                if (!valid)
                {
                    return false;
                }

                b = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }

            text[length++] = b;
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    // Go's getScheme: letters, then letters/digits/"+-."; -1 when the URI starts with ':', 0 for no scheme.
    private static int SchemeLength(ReadOnlySpan<char> uri)
    {
        for (var i = 0; i < uri.Length; i++)
        {
            var c = uri[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return 0;
                }

                continue;
            }

            return c == ':' ? (i == 0 ? -1 : i) : 0;
        }

        return 0;
    }
}

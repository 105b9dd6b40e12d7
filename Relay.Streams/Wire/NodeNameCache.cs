using System.Text;

namespace Relay.Streams.Wire;

/// <summary>
/// Remembers the last node name decoded, so a stream from one node yields one string instance instead of
/// allocating a new one per response. Not thread-safe: use one per node stream.
/// </summary>
public sealed class NodeNameCache
{
    private byte[] _bytes = [];
    private string _name = string.Empty;

    /// <summary>The string for these UTF-8 bytes, reusing the previous one when they are equal.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (!utf8.SequenceEqual(_bytes))
        {
            _bytes = utf8.ToArray();
            _name = Encoding.UTF8.GetString(utf8);
        }

        return _name;
    }
}

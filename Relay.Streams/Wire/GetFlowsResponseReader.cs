using System.Text;
using Relay.Streams.Time;

namespace Relay.Streams.Wire;

/// <summary>
/// A minimal protobuf wire reader for GetFlowsResponse: it walks the top-level fields, skips the payloads it
/// does not need and decodes only <c>node_name</c> (1000), <c>time</c> (1001) and which oneof member is present.
/// </summary>
internal static class GetFlowsResponseReader
{
    private const int FlowField = 1;
    private const int NodeStatusField = 2;
    private const int LostEventsField = 3;
    private const int NodeNameField = 1000;
    private const int TimeField = 1001;

    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    internal readonly record struct Keys(string NodeName, long? TimeNanos, ResponseKind Kind);

    public static Keys Read(ReadOnlySpan<byte> message, NodeNameCache? names)
    {
        var nodeName = string.Empty;
        long? time = null;
        var kind = ResponseKind.None;
        var pos = 0;
        while (pos < message.Length)
        {
            var tag = ReadVarint(message, ref pos);
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            if (field == 0)
            {
                throw new InvalidDataException("GetFlowsResponse has a field numbered 0.");
            }

            if (wireType != WireLengthDelimited)
            {
                Skip(message, wireType, ref pos);
                continue;
            }

            var length = checked((int)ReadVarint(message, ref pos));
            if (length < 0 || pos + length > message.Length)
            {
                throw new InvalidDataException($"GetFlowsResponse field {field} runs past the end of the message.");
            }

            var value = message.Slice(pos, length);
            pos += length;
            switch (field)
            {
                case FlowField: kind = ResponseKind.Flow; break;
                case NodeStatusField: kind = ResponseKind.NodeStatus; break;
                case LostEventsField: kind = ResponseKind.LostEvents; break;
                case NodeNameField: nodeName = names?.Get(value) ?? Encoding.UTF8.GetString(value); break;
                case TimeField: time = ReadTimestamp(value); break;
            }
        }

        return new Keys(nodeName, time, kind);
    }

    /// <summary>Decodes a google.protobuf.Timestamp message body into Unix nanoseconds.</summary>
    private static long ReadTimestamp(ReadOnlySpan<byte> body)
    {
        long seconds = 0;
        long nanos = 0;
        var pos = 0;
        while (pos < body.Length)
        {
            var tag = ReadVarint(body, ref pos);
            var wireType = (int)(tag & 7);
            switch ((int)(tag >> 3), wireType)
            {
                case (1, WireVarint): seconds = (long)ReadVarint(body, ref pos); break;
                case (2, WireVarint): nanos = (int)ReadVarint(body, ref pos); break;
                default: Skip(body, wireType, ref pos); break;
            }
        }

        return UnixNanos.From(seconds, nanos);
    }

    private static void Skip(ReadOnlySpan<byte> data, int wireType, ref int pos)
    {
        switch (wireType)
        {
            case WireVarint: ReadVarint(data, ref pos); break;
            case WireFixed64: pos += 8; break;
            case WireFixed32: pos += 4; break;
            case WireLengthDelimited: pos += checked((int)ReadVarint(data, ref pos)); break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }

        if (pos > data.Length)
        {
            throw new InvalidDataException("Protobuf field runs past the end of the message.");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new InvalidDataException("Truncated protobuf varint.");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed protobuf varint.");
    }
}

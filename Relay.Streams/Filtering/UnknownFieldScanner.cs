using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Relay.Streams.Filtering;

/// <summary>
/// Finds data a client sent in fields this build's proto does not know (a newer client): the parser keeps them
/// as unknown fields, invisible to the descriptor, and they must not be ignored silently.
/// </summary>
internal static class UnknownFieldScanner
{
    /// <summary>
    /// The name to report for the first unknown field: the top-level field that contains it, or
    /// <c>field_N</c> when the unknown field is itself top-level. Null when there is none.
    /// </summary>
    public static string? FindUnknownField(IMessage message) =>
        Scan(message.ToByteArray(), message.Descriptor, owner: null);

    private static string? Scan(byte[] bytes, MessageDescriptor descriptor, string? owner)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = descriptor.FindFieldByNumber(number);
            if (field is null)
            {
                return owner ?? $"field_{number}";
            }

            var isNestedMessage = field.FieldType == FieldType.Message
                && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            if (!isNestedMessage)
            {
                input.SkipLastField();
                continue;
            }

            var nested = Scan(input.ReadBytes().ToByteArray(), field.MessageType, owner ?? field.Name);
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }
}

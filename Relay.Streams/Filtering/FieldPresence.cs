using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Relay.Streams.Filtering;

/// <summary>
/// Tells from the protobuf descriptor whether a field of a message is set, so that fields added to the proto
/// later are noticed without code changes.
/// </summary>
internal static class FieldPresence
{
    public static bool IsSet(FieldDescriptor field, IMessage message)
    {
        var value = field.Accessor.GetValue(message);
        if (field.IsRepeated || field.IsMap)
        {
            return value is ICollection { Count: > 0 };
        }

        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            // An empty sub-message carries no condition (Hubble only looks at its contents).
            return value is IMessage nested && nested.CalculateSize() > 0;
        }

        if (field.HasPresence)
        {
            return field.Accessor.HasValue(message);
        }

        return value switch
        {
            null => false,
            string text => text.Length > 0,
            ByteString bytes => !bytes.IsEmpty,
            bool flag => flag,
            IConvertible number => number.ToDouble(CultureInfo.InvariantCulture) != 0,
            _ => true,
        };
    }
}

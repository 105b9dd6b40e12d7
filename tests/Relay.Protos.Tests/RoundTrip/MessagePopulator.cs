using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Relay.Protos.Tests.RoundTrip;

/// <summary>
/// Fills every field of a message tree through reflection with non-default values: scalars, enums
/// (a non-zero value), nested messages, wrappers, repeated fields (two elements) and maps (one entry).
/// A oneof can hold one member at a time, so <c>variant</c> picks member <c>variant % count</c>;
/// running variants 0..<see cref="VariantCount"/>-1 sets every oneof member at least once.
/// </summary>
internal sealed class MessagePopulator
{
    private static readonly HashSet<string> WrapperTypes =
    [
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
        "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
        "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue",
    ];

    private readonly int variant;
    private readonly Stack<MessageDescriptor> path = new();

    private MessagePopulator(int variant) => this.variant = variant;

    /// <summary>Builds a <typeparamref name="T"/> with every reachable field set for the given variant.</summary>
    public static T Populate<T>(int variant)
        where T : IMessage<T>, new()
    {
        var message = new T();
        new MessagePopulator(variant).Fill(message);
        return message;
    }

    /// <summary>Variants needed so that every oneof member reachable from <paramref name="root"/> is set once.</summary>
    public static int VariantCount(MessageDescriptor root) =>
        Reachable.Messages(root).SelectMany(m => m.Oneofs).Where(o => !o.IsSynthetic).Select(o => o.Fields.Count).DefaultIfEmpty(1).Max();

    private void Fill(IMessage message)
    {
        var descriptor = message.Descriptor;
        if (path.Contains(descriptor))
        {
            // A recursive type is filled at its outermost occurrence only; deeper ones stay empty.
            return;
        }

        path.Push(descriptor);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.RealContainingOneof is { } oneof && oneof.Fields[variant % oneof.Fields.Count] != field)
            {
                continue;
            }

            if (field.IsMap)
            {
                var map = (IDictionary)field.Accessor.GetValue(message);
                var entry = field.MessageType;
                map[Value(entry.FindFieldByNumber(1), 0)] = Value(entry.FindFieldByNumber(2), 0);
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                list.Add(Value(field, 0));
                list.Add(Value(field, 1));
            }
            else
            {
                field.Accessor.SetValue(message, Value(field, 0));
            }
        }

        path.Pop();
    }

    private object Value(FieldDescriptor field, int index) => field.FieldType switch
    {
        FieldType.Double => 1.25 + index,
        FieldType.Float => 2.5f + index,
        FieldType.Int64 => -(1L << 40) - index,
        FieldType.UInt64 => (1UL << 40) + (ulong)index,
        FieldType.Int32 => -300 - index,
        FieldType.Fixed64 => 0xF0F0_0000_0000UL + (ulong)index,
        FieldType.Fixed32 => 0xF0F0_0000U + (uint)index,
        FieldType.Bool => true,
        FieldType.String => $"{field.Name}-{variant}-{index}",
        FieldType.Bytes => ByteString.CopyFrom(0xCA, 0xFE, (byte)variant, (byte)index),
        FieldType.UInt32 => 300U + (uint)index,
        FieldType.SFixed32 => -70_000 - index,
        FieldType.SFixed64 => -(1L << 50) - index,
        FieldType.SInt32 => -1_000 - index,
        FieldType.SInt64 => -(1L << 45) - index,
        FieldType.Enum => EnumValue(field.EnumType, index),
        FieldType.Message when WrapperTypes.Contains(field.MessageType.FullName) =>
            // Generated C# exposes wrapper fields as nullable primitives, not messages.
            Value(field.MessageType.FindFieldByNumber(1), index),
        FieldType.Message => NewMessage(field.MessageType),
        _ => throw new NotSupportedException($"Field {field.FullName} has unsupported type {field.FieldType}."),
    };

    private object EnumValue(EnumDescriptor enumType, int index)
    {
        var nonDefault = enumType.Values.Where(v => v.Number != 0).ToList();
        if (nonDefault.Count == 0)
        {
            throw new NotSupportedException($"Enum {enumType.FullName} has no non-zero value.");
        }

        var value = nonDefault[(variant + index) % nonDefault.Count];
        return Enum.ToObject(enumType.ClrType, value.Number);
    }

    private IMessage NewMessage(MessageDescriptor type)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        Fill(message);
        return message;
    }
}

using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Relay.Protos.Tests.RoundTrip;

/// <summary>Walks message types and message values reachable from a root, for coverage checks.</summary>
internal static class Reachable
{
    /// <summary>Every message type reachable from <paramref name="root"/> through fields, root included.</summary>
    public static IReadOnlyList<MessageDescriptor> Messages(MessageDescriptor root)
    {
        var seen = new List<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>([root]);
        while (pending.TryPop(out var message))
        {
            if (seen.Contains(message))
            {
                continue;
            }

            seen.Add(message);
            foreach (var field in message.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.Message))
            {
                pending.Push(field.MessageType);
            }
        }

        return seen;
    }

    /// <summary>Full names of every field declared by the message types reachable from <paramref name="root"/>.</summary>
    public static ISet<string> DeclaredFields(MessageDescriptor root) =>
        Messages(root).SelectMany(m => m.Fields.InFieldNumberOrder()).Select(f => f.FullName).ToHashSet();

    /// <summary>Full names of the fields that hold a non-default value anywhere in <paramref name="message"/>'s tree.</summary>
    public static ISet<string> SetFields(IMessage message)
    {
        var result = new HashSet<string>();
        CollectSetFields(message, result);
        return result;
    }

    private static void CollectSetFields(IMessage message, HashSet<string> result)
    {
        var empty = (IMessage)Activator.CreateInstance(message.GetType())!;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var map = (System.Collections.IDictionary)value;
                if (map.Count > 0)
                {
                    result.Add(field.FullName);
                    AddMapEntryFields(field, map, result);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (System.Collections.IList)value;
                if (list.Count > 0)
                {
                    result.Add(field.FullName);
                    foreach (var element in list.OfType<IMessage>())
                    {
                        CollectSetFields(element, result);
                    }
                }
            }
            else if (field.HasPresence ? field.Accessor.HasValue(message) : !Equals(value, field.Accessor.GetValue(empty)))
            {
                result.Add(field.FullName);
                if (value is IMessage nested)
                {
                    CollectSetFields(nested, result);
                }
                else if (field.FieldType == FieldType.Message)
                {
                    // A wrapper exposed as a nullable primitive: its single field is set too.
                    result.Add(field.MessageType.FindFieldByNumber(1).FullName);
                }
            }
        }
    }

    private static void AddMapEntryFields(FieldDescriptor field, System.Collections.IDictionary map, HashSet<string> result)
    {
        result.Add(field.MessageType.FindFieldByNumber(1).FullName);
        result.Add(field.MessageType.FindFieldByNumber(2).FullName);
        foreach (var value in map.Values.OfType<IMessage>())
        {
            CollectSetFields(value, result);
        }
    }
}

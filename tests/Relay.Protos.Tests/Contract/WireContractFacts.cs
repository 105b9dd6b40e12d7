using Google.Protobuf.Reflection;

namespace Relay.Protos.Tests.Contract;

/// <summary>
/// Flattens proto file descriptors into one tab-separated line per wire-relevant fact:
/// packages, imports, messages, fields, enums, enum values, reserved ranges and service methods.
/// Comments and language options (csharp_namespace, go_package, deprecated) are left out on purpose:
/// they do not change the bytes on the wire.
/// </summary>
internal static class WireContractFacts
{
    private const string None = "-";

    /// <summary>Returns the facts of <paramref name="files"/> in declaration order.</summary>
    public static IReadOnlyList<string> From(IEnumerable<FileDescriptorProto> files)
    {
        var facts = new List<string>();
        foreach (var file in files)
        {
            AddFile(facts, file);
        }

        return facts;
    }

    private static void AddFile(List<string> facts, FileDescriptorProto file)
    {
        facts.Add(Line("file", file.Name, "package", file.Package));
        // protoc leaves syntax empty for proto2 files.
        facts.Add(Line("file", file.Name, "syntax", file.Syntax.Length == 0 ? "proto2" : file.Syntax));
        for (var i = 0; i < file.Dependency.Count; i++)
        {
            var kind = file.PublicDependency.Contains(i) ? "public" : file.WeakDependency.Contains(i) ? "weak" : "plain";
            facts.Add(Line("file", file.Name, "import", file.Dependency[i], kind));
        }

        var prefix = file.Package.Length == 0 ? string.Empty : file.Package + ".";
        foreach (var message in file.MessageType)
        {
            AddMessage(facts, prefix + message.Name, message);
        }

        foreach (var enumType in file.EnumType)
        {
            AddEnum(facts, prefix + enumType.Name, enumType);
        }

        foreach (var service in file.Service)
        {
            AddService(facts, prefix + service.Name, service);
        }
    }

    private static void AddMessage(List<string> facts, string fullName, DescriptorProto message)
    {
        var isMapEntry = message.Options?.MapEntry == true;
        facts.Add(Line("message", fullName, "defined", isMapEntry ? "map_entry" : None));
        foreach (var field in message.Field)
        {
            facts.Add(Line(
                "message",
                fullName,
                "field",
                field.Name,
                field.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ProtoEnumName(field.Type),
                field.HasTypeName ? field.TypeName : None,
                ProtoEnumName(field.Label),
                FieldTraits(message, fullName, field)));
        }

        foreach (var range in message.ReservedRange)
        {
            // Descriptor ranges are end-exclusive; the fixture shows them inclusive, as written in .proto files.
            facts.Add(Line("message", fullName, "reserved", Range(range.Start, range.End - 1)));
        }

        foreach (var name in message.ReservedName)
        {
            facts.Add(Line("message", fullName, "reserved", name));
        }

        foreach (var nested in message.NestedType)
        {
            AddMessage(facts, fullName + "." + nested.Name, nested);
        }

        foreach (var nested in message.EnumType)
        {
            AddEnum(facts, fullName + "." + nested.Name, nested);
        }
    }

    private static string FieldTraits(DescriptorProto message, string fullName, FieldDescriptorProto field)
    {
        var traits = new List<string>();
        if (field.HasOneofIndex && !field.Proto3Optional)
        {
            traits.Add("oneof=" + message.OneofDecl[field.OneofIndex].Name);
        }

        if (field.Proto3Optional)
        {
            traits.Add("proto3_optional");
        }

        if (field.Label == FieldDescriptorProto.Types.Label.Repeated && IsMapEntryType(message, fullName, field.TypeName))
        {
            traits.Add("map");
        }

        if (field.Options?.HasPacked == true)
        {
            traits.Add("packed=" + (field.Options.Packed ? "true" : "false"));
        }

        if (field.HasJsonName && field.JsonName != DefaultJsonName(field.Name))
        {
            traits.Add("json_name=" + field.JsonName);
        }

        return traits.Count == 0 ? None : string.Join(',', traits);
    }

    // Map fields always reference a nested entry type declared in the same message.
    private static bool IsMapEntryType(DescriptorProto message, string fullName, string typeName) =>
        message.NestedType.Any(n => n.Options?.MapEntry == true && typeName == "." + fullName + "." + n.Name);

    // protoc fills json_name in descriptor sets but not in code-generator input; only a custom name is a fact.
    private static string DefaultJsonName(string fieldName)
    {
        var result = new System.Text.StringBuilder(fieldName.Length);
        var upperNext = false;
        foreach (var c in fieldName)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return result.ToString();
    }

    private static void AddEnum(List<string> facts, string fullName, EnumDescriptorProto enumType)
    {
        facts.Add(Line("enum", fullName, "defined", enumType.Options?.AllowAlias == true ? "allow_alias" : None));
        foreach (var value in enumType.Value)
        {
            facts.Add(Line("enum", fullName, "value", value.Name, value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var range in enumType.ReservedRange)
        {
            // Enum reserved ranges are end-inclusive in descriptors.
            facts.Add(Line("enum", fullName, "reserved", Range(range.Start, range.End)));
        }

        foreach (var name in enumType.ReservedName)
        {
            facts.Add(Line("enum", fullName, "reserved", name));
        }
    }

    private static void AddService(List<string> facts, string fullName, ServiceDescriptorProto service)
    {
        facts.Add(Line("service", fullName, "defined", None));
        foreach (var method in service.Method)
        {
            facts.Add(Line(
                "service",
                fullName,
                "method",
                method.Name,
                method.InputType,
                method.OutputType,
                "client_streaming=" + (method.ClientStreaming ? "true" : "false"),
                "server_streaming=" + (method.ServerStreaming ? "true" : "false")));
        }
    }

    // Uses the names from descriptor.proto (TYPE_MESSAGE, LABEL_REPEATED), not the C# enum member names.
    private static string ProtoEnumName(FieldDescriptorProto.Types.Type type) => ProtoEnumName("Type", (int)type);

    private static string ProtoEnumName(FieldDescriptorProto.Types.Label label) => ProtoEnumName("Label", (int)label);

    private static string ProtoEnumName(string enumName, int number) =>
        FieldDescriptorProto.Descriptor.FindDescriptor<EnumDescriptor>(enumName).FindValueByNumber(number).Name;

    private static string Range(int first, int last) => first == last ? $"{first}" : $"{first}..{last}";

    private static string Line(params string[] columns) => string.Join('\t', columns);
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Google.Protobuf;

namespace Relay.Actors.Cluster.Serialization;

/// <summary>
/// Serializes any protobuf message that crosses replicas — the cluster's own messages and Hubble requests and
/// responses — as its protobuf encoding. The manifest names the message type (<c>Namespace.Type, Assembly</c>);
/// the receiving side accepts only protobuf message types and keeps one parser per type.
/// </summary>
public sealed class ProtobufMessageSerializer : SerializerWithStringManifest
{
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly ConcurrentDictionary<string, MessageParser> _parsers = new(StringComparer.Ordinal);

    public ProtobufMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override string Manifest(object o) =>
        _manifests.GetOrAdd(o.GetType(), static type => $"{type.FullName}, {type.Assembly.GetName().Name}");

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is IMessage message
        ? message.ToByteArray()
        : throw new ArgumentException($"{obj.GetType()} is not a protobuf message", nameof(obj));

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        _parsers.GetOrAdd(manifest, ParserFor).ParseFrom(bytes);

    private static MessageParser ParserFor(string manifest)
    {
        var type = Type.GetType(manifest, throwOnError: false);
        if (type is null || !typeof(IMessage).IsAssignableFrom(type))
        {
            throw new SerializationException($"'{manifest}' names no protobuf message type");
        }

        return type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageParser
            ?? throw new SerializationException($"{type} has no static protobuf Parser");
    }
}

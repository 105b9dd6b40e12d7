using Akka.Actor;
using Akka.Serialization;
using Relay.Streams.Wire;

namespace Relay.Actors.Cluster.Serialization;

/// <summary>
/// Serializes a <see cref="RawFlowResponse"/> as the GetFlowsResponse bytes the node sent, unchanged: a flow is
/// never decoded or re-encoded on its way between replicas. The receiving side reads <c>node_name</c> and
/// <c>time</c> back from the bytes with the same wire reader a node connection uses.
/// </summary>
public sealed class RawFlowResponseSerializer : Serializer
{
    // Deserialization of one message runs start to end on one thread, so a per-thread cache is never shared.
    [ThreadStatic]
    private static NodeNameCache? t_names;

    public RawFlowResponseSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>One type only: no manifest needed.</summary>
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is RawFlowResponse response
        ? response.Payload
        : throw new ArgumentException($"{obj.GetType()} is not a {nameof(RawFlowResponse)}", nameof(obj));

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => RawFlowResponse.Parse(bytes, t_names ??= new NodeNameCache());
}

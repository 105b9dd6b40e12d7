namespace Relay.Streams.Wire;

/// <summary>
/// A node's <c>observer.GetFlowsResponse</c> kept as the bytes it arrived in. The relay merges on the two
/// top-level fields every node sets — <c>node_name</c> (1000) and <c>time</c> (1001) — and forwards the bytes
/// unchanged, so a flow is never decoded and re-encoded on the hot path.
/// </summary>
/// <param name="Payload">The serialized GetFlowsResponse, exactly as received.</param>
/// <param name="NodeName">Field 1000, or empty when the node did not set it.</param>
/// <param name="TimeNanos">Field 1001 as Unix nanoseconds, or null when the node did not set it.</param>
/// <param name="Kind">Which member of the <c>response_types</c> oneof the bytes carry.</param>
public sealed record RawFlowResponse(byte[] Payload, string NodeName, long? TimeNanos, ResponseKind Kind)
{
    /// <summary>Reads the merge keys from <paramref name="payload"/> without decoding the flow.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed GetFlowsResponse.</exception>
    public static RawFlowResponse Parse(byte[] payload, NodeNameCache? names = null)
    {
        var keys = GetFlowsResponseReader.Read(payload, names);
        return new RawFlowResponse(payload, keys.NodeName, keys.TimeNanos, keys.Kind);
    }
}

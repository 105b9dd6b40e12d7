using Google.Protobuf;
using Hubble.Observer;

namespace Relay.Actors.Flows;

/// <summary>
/// What makes two node streams the same: the node and the request's shape (filters, field mask, everything but
/// where it starts and ends), compared by its serialized bytes.
/// </summary>
internal readonly record struct SharingKey(string Node, ByteString Shape)
{
    /// <summary>
    /// The key of a live follow request (follow, no <c>number</c>, no <c>until</c>, a <c>since</c> to start at);
    /// false for anything with a history part, which stays a stream of its own.
    /// </summary>
    public static bool TryCreate(string node, GetFlowsRequest request, out SharingKey key)
    {
        if (!request.Follow || request.Number != 0 || request.First || request.Until is not null || request.Since is null)
        {
            key = default;
            return false;
        }

        var shape = request.Clone();
        shape.Since = null;
        key = new SharingKey(node, shape.ToByteString());
        return true;
    }
}

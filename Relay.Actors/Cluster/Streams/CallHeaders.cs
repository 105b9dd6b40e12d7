using Google.Protobuf;
using Grpc.Core;

namespace Relay.Actors.Cluster.Streams;

/// <summary>The client's call metadata on its way to a node's owner, which forwards it with the node call.</summary>
internal static class CallHeaders
{
    public static IEnumerable<CallHeader> From(Metadata headers)
    {
        foreach (var entry in headers)
        {
            // Pseudo-headers are HTTP/2's own; Metadata refuses them on the owner side.
            if (entry.Key.StartsWith(':'))
            {
                continue;
            }

            yield return entry.IsBinary
                ? new CallHeader { Key = entry.Key, Binary = ByteString.CopyFrom(entry.ValueBytes) }
                : new CallHeader { Key = entry.Key, Text = entry.Value };
        }
    }

    public static Metadata ToMetadata(IEnumerable<CallHeader> headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (header.ValueCase == CallHeader.ValueOneofCase.Binary)
            {
                metadata.Add(header.Key, header.Binary.ToByteArray());
            }
            else
            {
                metadata.Add(header.Key, header.Text);
            }
        }

        return metadata;
    }
}

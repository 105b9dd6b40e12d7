using Grpc.Core;

namespace Relay.Api.Grpc;

/// <summary>
/// The client's call metadata that goes on to the nodes: application headers only, not the transport's own
/// (HTTP/2 pseudo-headers, content type, deadlines, encodings), which each node call sets for itself.
/// </summary>
internal static class ForwardedMetadata
{
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", "user-agent", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding",
        "accept-encoding", "connection", "keep-alive", "transfer-encoding", "upgrade",
    };

    public static Metadata From(ServerCallContext context)
    {
        var forwarded = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (!entry.Key.StartsWith(':') && !Transport.Contains(entry.Key))
            {
                forwarded.Add(entry);
            }
        }

        return forwarded;
    }
}

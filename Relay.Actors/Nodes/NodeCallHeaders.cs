using Grpc.Core;

namespace Relay.Actors.Nodes;

/// <summary>The metadata of an outgoing node call: the caller's entries plus <c>hubble-relay-version</c>.</summary>
internal static class NodeCallHeaders
{
    /// <summary>The header upstream relays add to every node call.</summary>
    public const string RelayVersionHeader = "hubble-relay-version";

    // Transport headers the HTTP/2 and gRPC layers set themselves; copying the caller's would duplicate them.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", "user-agent", "accept-encoding", "connection", "keep-alive",
        "proxy-connection", "transfer-encoding", "upgrade", "grpc-timeout", "grpc-encoding",
        "grpc-accept-encoding", "grpc-message-type", "grpc-message", "grpc-status", "grpc-status-details-bin",
        RelayVersionHeader,
    };

    /// <summary>A new metadata collection: <paramref name="caller"/> without transport headers, then the version.</summary>
    public static Metadata Build(Metadata? caller, string relayVersion)
    {
        var headers = new Metadata();
        if (caller is not null)
        {
            foreach (var entry in caller)
            {
                if (!entry.Key.StartsWith(':') && !Reserved.Contains(entry.Key))
                {
                    headers.Add(entry);
                }
            }
        }

        headers.Add(RelayVersionHeader, relayVersion);
        return headers;
    }
}

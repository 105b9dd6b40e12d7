using Hubble.Observer;
using Relay.Actors.Peers;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Grpc;

/// <summary>Maps the directory's nodes to a GetNodes answer; no node is called, so a hung node cannot delay it.</summary>
internal static class NodeList
{
    public static GetNodesResponse From(IReadOnlyList<NodeEntry> entries)
    {
        var response = new GetNodesResponse();
        foreach (var entry in entries.Where(e => e.State != NodeState.Gone))
        {
            var node = new Node
            {
                Name = entry.Name,
                Address = entry.Address,
                State = ToWire(entry.State),
                Tls = new TLS { Enabled = entry.TlsServerName is not null, ServerName = entry.TlsServerName ?? string.Empty },
            };
            if (entry is { State: NodeState.Connected, LastStatus: { } status })
            {
                node.Version = status.Version;
                node.UptimeNs = status.UptimeNs;
                node.NumFlows = status.NumFlows;
                node.MaxFlows = status.MaxFlows;
                node.SeenFlows = status.SeenFlows;
            }

            response.Nodes.Add(node);
        }

        return response;
    }

    public static RelayNodeState ToWire(NodeState state) => state switch
    {
        NodeState.Connected => RelayNodeState.NodeConnected,
        NodeState.Gone => RelayNodeState.NodeGone,
        _ => RelayNodeState.NodeUnavailable,
    };
}

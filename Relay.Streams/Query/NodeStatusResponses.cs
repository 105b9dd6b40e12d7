using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Observer;
using Hubble.Relay;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// Builds the node-status responses the relay adds to a merged GetFlows stream. Each carries the relay's own
/// node name in <c>node_name</c> and the relay clock in <c>time</c>, as upstream does, but is untimed for the
/// merge (<see cref="RawFlowResponse.TimeNanos"/> is null) so it is never held behind flows.
/// </summary>
public sealed class NodeStatusResponses(string relayNodeName, TimeProvider clock)
{
    /// <summary>The relay's node name stamped on every status response.</summary>
    public string RelayNodeName { get; } = relayNodeName;

    public RawFlowResponse Create(NodeState state, IEnumerable<string> nodeNames, string message = "")
    {
        var status = new NodeStatusEvent { StateChange = state, Message = message };
        status.NodeNames.AddRange(nodeNames);
        var response = new GetFlowsResponse
        {
            NodeStatus = status,
            NodeName = RelayNodeName,
            Time = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        };
        return new RawFlowResponse(response.ToByteArray(), RelayNodeName, null, ResponseKind.NodeStatus);
    }

    /// <summary>Reads the status event back from a raw node-status response; null for any other response.</summary>
    public static NodeStatusEvent? TryRead(RawFlowResponse response) =>
        response.Kind == ResponseKind.NodeStatus
            ? GetFlowsResponse.Parser.ParseFrom(response.Payload).NodeStatus
            : null;
}

namespace Relay.Streams.Wire;

/// <summary>The member of <c>GetFlowsResponse.response_types</c> present in a raw response.</summary>
public enum ResponseKind
{
    None = 0,
    Flow = 1,
    NodeStatus = 2,
    LostEvents = 3,
}

namespace Relay.Fleet.Control;

/// <summary>A node's state as the control endpoint reports it.</summary>
public sealed record NodeView(
    string Name,
    string PeerName,
    string Address,
    bool Running,
    bool Paused,
    double FlowsPerSecond,
    double SendDelayMs,
    int OpenGetFlowsStreams,
    long TotalGetFlowsCalls,
    long FlowsProduced,
    int FlowsInRing)
{
    public static NodeView Of(SimulatedNode node) => new(
        node.Name,
        node.PeerName,
        node.Address,
        node.IsRunning,
        node.IsPaused,
        node.FlowsPerSecond,
        node.SendDelay.TotalMilliseconds,
        node.OpenGetFlowsStreams,
        node.TotalGetFlowsCalls,
        node.FlowsProduced,
        node.FlowCount);
}

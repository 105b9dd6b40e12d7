namespace Relay.Actors.Flows;

/// <summary>A snapshot of <see cref="SharedNodeFlows"/>, for metrics.</summary>
/// <param name="SharedStreams">Node streams currently shared.</param>
/// <param name="Followers">Query inputs currently reading a shared stream.</param>
/// <param name="FlowsDropped">Flows dropped for followers that fell behind, since start.</param>
/// <param name="Unshared">Followers that first read a gap from the node on their own because their <c>since</c> was older than a shared stream covers, since start.</param>
public sealed record SharedFlowStats(int SharedStreams, int Followers, long FlowsDropped, long Unshared);

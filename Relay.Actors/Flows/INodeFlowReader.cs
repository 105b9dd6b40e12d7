using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>
/// Reads a node's GetFlows stream without a stream graph. For a consumer that only hands each response on (a
/// shared stream's hub), this saves a graph, with its own actor and a hop per response, for every node.
/// </summary>
public interface INodeFlowReader
{
    /// <summary>
    /// The node's responses to <paramref name="request"/>; the call ends when the enumeration stops or
    /// <paramref name="callEnded"/> fires. Throws at once when the node cannot be called at all.
    /// </summary>
    IAsyncEnumerable<RawFlowResponse> Read(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded);
}

using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>
/// Opens a node's GetFlows stream for one query. The seam where a stream can be shared between queries or
/// served by the replica that owns the node, without the query knowing which.
/// </summary>
public interface INodeFlows
{
    /// <summary>
    /// The node's responses to <paramref name="request"/>; the node call ends when the source is cancelled or
    /// <paramref name="callEnded"/> fires. Failures surface as the source failing (an <see cref="RpcException"/>
    /// for a node's answer or a transport error).
    /// </summary>
    Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded);
}

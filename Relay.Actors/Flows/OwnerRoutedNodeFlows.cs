using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>
/// Scale-out: a node this replica owns is read here (<paramref name="local"/>, shared between follow queries); a
/// node another replica owns is read through that replica (<paramref name="remote"/>), which shares it the same
/// way, so each node is dialled by its owner only. The directory decides ownership: a node owned elsewhere is
/// listed with a <see cref="RemoteNodeClient"/>.
/// </summary>
public sealed class OwnerRoutedNodeFlows(INodeFlows local, INodeFlows remote) : INodeFlows
{
    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded) =>
        (node.Client is RemoteNodeClient ? remote : local).Open(node, request, headers, callEnded);
}

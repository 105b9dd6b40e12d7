using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>One node call per query: the node entry's own client, nothing shared.</summary>
public sealed class DirectNodeFlows : INodeFlows, INodeFlowReader
{
    public static DirectNodeFlows Instance { get; } = new();

    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        var client = ClientOf(node);
        return Source.From(() => client.GetFlowsAsync(request, headers, callEnded));
    }

    public IAsyncEnumerable<RawFlowResponse> Read(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded) =>
        ClientOf(node).GetFlowsAsync(request, headers, callEnded);

    private static Nodes.INodeClient ClientOf(NodeEntry node) =>
        node.Client ?? throw new InvalidOperationException($"node {node.Name} has no client: it is {node.State}");
}

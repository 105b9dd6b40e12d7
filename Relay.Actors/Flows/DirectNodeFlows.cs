using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Flows;

/// <summary>One node call per query: the node entry's own client, nothing shared.</summary>
public sealed class DirectNodeFlows : INodeFlows
{
    public static DirectNodeFlows Instance { get; } = new();

    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        var client = node.Client ?? throw new InvalidOperationException($"node {node.Name} has no client: it is {node.State}");
        return Source.From(() => client.GetFlowsAsync(request, headers, callEnded));
    }
}

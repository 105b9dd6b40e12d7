using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>The owner's <see cref="INodeFlows"/> with a count of the responses pulled from each node's stream.</summary>
public sealed class CountingNodeFlows(INodeFlows inner) : INodeFlows
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _pulled = new(StringComparer.Ordinal);

    public long Pulled(string node) => Interlocked.Read(ref Counter(node).Value);

    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        var counter = Counter(node.Name);
        return inner.Open(node, request, headers, callEnded).Select(response =>
        {
            Interlocked.Increment(ref counter.Value);
            return response;
        });
    }

    private StrongBox<long> Counter(string node) => _pulled.GetOrAdd(node, _ => new StrongBox<long>());
}

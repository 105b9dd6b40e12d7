using System.Collections.Concurrent;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Flows;

/// <summary>
/// An <see cref="INodeFlows"/> that stands for the nodes: each open is recorded with what it was asked, and its
/// stream is a publisher probe the test drives.
/// </summary>
internal sealed class RecordingNodeFlows(TestKitBase kit, IMaterializer materializer) : INodeFlows
{
    public ConcurrentQueue<OpenedCall> Opened { get; } = new();

    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        var (probe, source) = kit.SourceProbe<RawFlowResponse>().PreMaterialize(materializer);
        Opened.Enqueue(new OpenedCall(node.Name, request, headers, callEnded, probe));
        return source;
    }

    public OpenedCall Single() => Assert.Single(Opened);

    /// <param name="NodeName">The node asked.</param>
    /// <param name="Request">What it was asked.</param>
    /// <param name="Headers">The headers it was asked with.</param>
    /// <param name="CallEnded">When the call's owner said it ended.</param>
    /// <param name="Stream">The node's side of the stream.</param>
    internal sealed record OpenedCall(
        string NodeName,
        GetFlowsRequest Request,
        Metadata Headers,
        CancellationToken CallEnded,
        TestPublisher.Probe<RawFlowResponse> Stream);
}

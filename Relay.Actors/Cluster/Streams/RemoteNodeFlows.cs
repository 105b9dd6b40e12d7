using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Streams.Wire;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// Opens the GetFlows stream of a node that another replica owns: the owner opens it with its own
/// <see cref="INodeFlows"/> and streams the responses back as the bytes the node sent, with end-to-end backpressure.
/// </summary>
public sealed class RemoteNodeFlows : INodeFlows
{
    private readonly NodeAsk _ask;
    private readonly RemoteNodeSettings _settings;
    private readonly Func<string, CancellationToken>? _ownerLost;

    /// <param name="ask">Reaches a node's owner.</param>
    /// <param name="settings">Timeouts; <see cref="RemoteNodeSettings.Default"/> when null.</param>
    /// <param name="ownerLost">
    /// When the replica at an address is lost to this one (<see cref="ReplicaReachability.Lost"/>): a stream from a
    /// node's <see cref="NodeEntry.Owner"/> fails <c>Unavailable</c> then. Null: a stream notices only when the
    /// owner is removed from the cluster.
    /// </param>
    public RemoteNodeFlows(NodeAsk ask, RemoteNodeSettings? settings = null, Func<string, CancellationToken>? ownerLost = null)
    {
        ArgumentNullException.ThrowIfNull(ask);
        _ask = ask;
        _settings = settings ?? RemoteNodeSettings.Default;
        _ownerLost = ownerLost;
    }

    /// <summary>
    /// The node's responses, read only from <paramref name="node"/>'s name (the client is the owner's). A node
    /// failure arrives as the <see cref="RpcException"/> the owner's call raised; an owner that does not answer,
    /// breaks off, turns unreachable or leaves raises <c>Unavailable</c>.
    /// </summary>
    public Source<RawFlowResponse, NotUsed> Open(NodeEntry node, GetFlowsRequest request, Metadata headers, CancellationToken callEnded)
    {
        ArgumentNullException.ThrowIfNull(node);
        var open = new OpenNodeFlows { NodeName = node.Name, Request = request, Headers = { CallHeaders.From(headers) } };
        (string, CancellationToken)? owner = node.Owner is { } address && _ownerLost is { } lost ? (address, lost(address)) : null;
        return RemoteNodeStream.Open<RawFlowResponse>(_ask, open, _settings.OpenTimeout, callEnded, owner);
    }
}

using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Actors.Nodes;

/// <summary>
/// What a query needs from one connected Hubble node. Every call carries the caller's metadata plus the
/// <c>hubble-relay-version</c> header; failures surface as <see cref="RpcException"/>.
/// </summary>
public interface INodeClient
{
    /// <summary>
    /// The node's GetFlows stream, each response kept as the bytes it arrived in (see <see cref="RawFlowResponse"/>).
    /// </summary>
    IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct);

    /// <summary>The node's ServerStatus, failing with <c>DeadlineExceeded</c> after <paramref name="timeout"/>.</summary>
    Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct);

    /// <summary>The namespaces the node has seen flows for.</summary>
    Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct);

    /// <summary>The node's agent events stream.</summary>
    IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(
        GetAgentEventsRequest request, Metadata headers, CancellationToken ct);

    /// <summary>The node's debug events stream.</summary>
    IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(
        GetDebugEventsRequest request, Metadata headers, CancellationToken ct);
}

using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Streams.Wire;

namespace Relay.Api.Hosting.ScaleOut;

/// <summary>
/// The client of a node owned by another replica until the cross-replica node streams are plugged in (see
/// <see cref="ScaleOutHost"/>): every call fails with UNAVAILABLE, so a query reports such a node instead of hanging.
/// </summary>
internal sealed class UnwiredRemoteNodeClient(string node) : INodeClient
{
    public IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unavailable();

    public Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct) => Task.FromException<ServerStatusResponse>(Unavailable());

    public Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        Task.FromException<GetNamespacesResponse>(Unavailable());

    public IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(GetAgentEventsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unavailable();

    public IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(GetDebugEventsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unavailable();

    private RpcException Unavailable() =>
        new(new Status(StatusCode.Unavailable, $"node {node} is owned by another relay replica, and this build cannot reach it"));
}

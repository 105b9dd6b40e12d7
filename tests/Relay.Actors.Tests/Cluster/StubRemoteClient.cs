using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// Stands for the client of a node owned by another replica (cross-replica streams are another component): it
/// only says which node it is for, and fails loudly if a test calls it.
/// </summary>
internal sealed class StubRemoteClient(string node) : INodeClient
{
    public string Node => node;

    public IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unexpected();

    public Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct) => throw Unexpected();

    public Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        throw Unexpected();

    public IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(GetAgentEventsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unexpected();

    public IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(GetDebugEventsRequest request, Metadata headers, CancellationToken ct) =>
        throw Unexpected();

    private NotSupportedException Unexpected() => new($"the remote client of {node} is a stub in these tests");
}

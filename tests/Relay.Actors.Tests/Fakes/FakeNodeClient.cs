using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Fakes;

/// <summary>An <see cref="INodeClient"/> made of function fields; an unset one fails the test.</summary>
public sealed class FakeNodeClient(FakeMisuse misuse) : INodeClient
{
    public Func<TimeSpan, CancellationToken, Task<ServerStatusResponse>>? OnServerStatus { get; set; }

    public Func<GetFlowsRequest, Metadata, CancellationToken, IAsyncEnumerable<RawFlowResponse>>? OnGetFlows { get; set; }

    public Func<GetNamespacesRequest, Metadata, CancellationToken, Task<GetNamespacesResponse>>? OnGetNamespaces { get; set; }

    public Func<GetAgentEventsRequest, Metadata, CancellationToken, IAsyncEnumerable<GetAgentEventsResponse>>? OnGetAgentEvents { get; set; }

    public Func<GetDebugEventsRequest, Metadata, CancellationToken, IAsyncEnumerable<GetDebugEventsResponse>>? OnGetDebugEvents { get; set; }

    public Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct) =>
        (OnServerStatus ?? throw misuse.Unset(nameof(OnServerStatus)))(timeout, ct);

    public IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct) =>
        (OnGetFlows ?? throw misuse.Unset(nameof(OnGetFlows)))(request, headers, ct);

    public Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        (OnGetNamespaces ?? throw misuse.Unset(nameof(OnGetNamespaces)))(request, headers, ct);

    public IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(
        GetAgentEventsRequest request, Metadata headers, CancellationToken ct) =>
        (OnGetAgentEvents ?? throw misuse.Unset(nameof(OnGetAgentEvents)))(request, headers, ct);

    public IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(
        GetDebugEventsRequest request, Metadata headers, CancellationToken ct) =>
        (OnGetDebugEvents ?? throw misuse.Unset(nameof(OnGetDebugEvents)))(request, headers, ct);
}

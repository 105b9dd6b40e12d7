using System.Runtime.CompilerServices;
using Grpc.Core;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Actors.Nodes;

/// <summary><see cref="INodeClient"/> over a gRPC call invoker (normally a node's <c>GrpcChannel</c>).</summary>
public sealed class GrpcNodeClient : INodeClient
{
    private readonly CallInvoker _invoker;
    private readonly Observer.ObserverClient _observer;
    private readonly string _relayVersion;
    private readonly Metadata _versionOnly;

    /// <summary>Creates a client; <paramref name="relayVersion"/> goes into the <c>hubble-relay-version</c> header.</summary>
    public GrpcNodeClient(CallInvoker invoker, string relayVersion)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(relayVersion);
        _invoker = invoker;
        _observer = new Observer.ObserverClient(invoker);
        _relayVersion = relayVersion;
        _versionOnly = NodeCallHeaders.Build(null, relayVersion);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(
        GetFlowsRequest request, Metadata headers, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _invoker.AsyncServerStreamingCall(
            RawObserverMethods.GetFlows, null, Options(headers, ct), request);
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <inheritdoc />
    public async Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct)
    {
        var options = new CallOptions(_versionOnly, DateTime.UtcNow + timeout, ct);
        return await _observer.ServerStatusAsync(new ServerStatusRequest(), options).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GetNamespacesResponse> GetNamespacesAsync(
        GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        await _observer.GetNamespacesAsync(request, Options(headers, ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(
        GetAgentEventsRequest request, Metadata headers, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _observer.GetAgentEvents(request, Options(headers, ct));
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(
        GetDebugEventsRequest request, Metadata headers, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _observer.GetDebugEvents(request, Options(headers, ct));
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    private CallOptions Options(Metadata? headers, CancellationToken ct) =>
        new(NodeCallHeaders.Build(headers, _relayVersion), cancellationToken: ct);
}

using System.Runtime.CompilerServices;
using Akka.Streams;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Streams.Wire;

namespace Relay.Actors.Cluster.Streams;

/// <summary>
/// <see cref="INodeClient"/> for a node another replica owns: every call goes to the owner, which makes it with its
/// own connection to the node. Node failures surface as the same <see cref="RpcException"/> a local call raises;
/// an owner that cannot be reached raises <c>Unavailable</c>.
/// </summary>
public sealed class RemoteNodeClient : INodeClient
{
    private readonly string _node;
    private readonly NodeAsk _ask;
    private readonly IMaterializer _materializer;
    private readonly RemoteNodeSettings _settings;

    /// <param name="node">The node's name (its shard entity id).</param>
    /// <param name="ask">Reaches the node's owner.</param>
    /// <param name="materializer">Runs the streams of the event methods on this replica.</param>
    /// <param name="settings">Timeouts; <see cref="RemoteNodeSettings.Default"/> when null.</param>
    public RemoteNodeClient(string node, NodeAsk ask, IMaterializer materializer, RemoteNodeSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(materializer);
        _node = node;
        _ask = ask;
        _materializer = materializer;
        _settings = settings ?? RemoteNodeSettings.Default;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync<RawFlowResponse>(
            new OpenNodeFlows { NodeName = _node, Request = request, Headers = { CallHeaders.From(headers) } }, ct);

    /// <inheritdoc />
    public Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct) =>
        AskAsync<ServerStatusResponse>(
            new QueryNodeServerStatus { NodeName = _node, Timeout = Duration.FromTimeSpan(timeout) },
            timeout + _settings.RoundTripMargin,
            ct);

    /// <inheritdoc />
    public Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        AskAsync<GetNamespacesResponse>(
            new QueryNodeNamespaces
            {
                NodeName = _node,
                Request = request,
                Headers = { CallHeaders.From(headers) },
                Timeout = Duration.FromTimeSpan(_settings.CallTimeout),
            },
            _settings.CallTimeout + _settings.RoundTripMargin,
            ct);

    /// <inheritdoc />
    public IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(
        GetAgentEventsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync<GetAgentEventsResponse>(
            new OpenNodeAgentEvents { NodeName = _node, Request = request, Headers = { CallHeaders.From(headers) } }, ct);

    /// <inheritdoc />
    public IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(
        GetDebugEventsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync<GetDebugEventsResponse>(
            new OpenNodeDebugEvents { NodeName = _node, Request = request, Headers = { CallHeaders.From(headers) } }, ct);

    private async IAsyncEnumerable<T> StreamAsync<T>(INodeAddressed open, [EnumeratorCancellation] CancellationToken ct)
    {
        var source = RemoteNodeStream.Open<T>(_ask, open, _settings.OpenTimeout, ct);
        await foreach (var element in source.RunAsAsyncEnumerable(_materializer).WithCancellation(ct).ConfigureAwait(false))
        {
            yield return element;
        }
    }

    private async Task<T> AskAsync<T>(INodeAddressed query, TimeSpan timeout, CancellationToken ct)
        where T : class
    {
        object answer;
        try
        {
            answer = await _ask(query, timeout, ct).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            throw RemoteNodeErrors.ToRpc(_node, error, ct);
        }

        return answer switch
        {
            T response => response,
            NodeCallFailure failure => throw failure.ToException(),
            _ => throw RemoteNodeErrors.Unexpected(_node, answer),
        };
    }
}

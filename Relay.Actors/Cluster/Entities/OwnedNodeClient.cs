using System.Runtime.CompilerServices;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Streams.Wire;

namespace Relay.Actors.Cluster.Entities;

/// <summary>
/// The client of a node this replica owns, as its entity hands it out: every call, local or served to another
/// replica, ends when the <see cref="NodeOwnership"/> does, with <c>Unavailable</c> and the reason — so a query
/// reports NODE_UNAVAILABLE and re-attaches the node at its new owner, rather than a NODE_ERROR about a cancelled call
/// once the connection closes.
/// </summary>
internal sealed class OwnedNodeClient(INodeClient inner, NodeOwnership ownership) : INodeClient
{
    public INodeClient Inner => inner;

    public IAsyncEnumerable<RawFlowResponse> GetFlowsAsync(GetFlowsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync(t => inner.GetFlowsAsync(request, headers, t), ct);

    public Task<ServerStatusResponse> ServerStatusAsync(TimeSpan timeout, CancellationToken ct) =>
        CallAsync(t => inner.ServerStatusAsync(timeout, t), ct);

    public Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct) =>
        CallAsync(t => inner.GetNamespacesAsync(request, headers, t), ct);

    public IAsyncEnumerable<GetAgentEventsResponse> GetAgentEventsAsync(GetAgentEventsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync(t => inner.GetAgentEventsAsync(request, headers, t), ct);

    public IAsyncEnumerable<GetDebugEventsResponse> GetDebugEventsAsync(GetDebugEventsRequest request, Metadata headers, CancellationToken ct) =>
        StreamAsync(t => inner.GetDebugEventsAsync(request, headers, t), ct);

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        ThrowIfEnded(ct);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, ownership.Ended);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (Exception) when (EndedFirst(ct))
        {
            throw NotOwned();
        }
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> call, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ThrowIfEnded(ct);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, ownership.Ended);
        var elements = call(linked.Token).GetAsyncEnumerator(linked.Token);
        await using (elements.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await elements.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (EndedFirst(ct))
                {
                    throw NotOwned();
                }

                if (!more)
                {
                    // A call cut short by the ownership's end may also just stop: it did not end on its own.
                    ThrowIfEnded(ct);
                    yield break;
                }

                yield return elements.Current;
            }
        }
    }

    /// <summary>The ownership ended while the caller still wanted the call: the end, not the caller, stopped it.</summary>
    private bool EndedFirst(CancellationToken ct) => ownership.Ended.IsCancellationRequested && !ct.IsCancellationRequested;

    private void ThrowIfEnded(CancellationToken ct)
    {
        if (EndedFirst(ct))
        {
            throw NotOwned();
        }
    }

    private RpcException NotOwned() =>
        new(new Status(StatusCode.Unavailable, $"node {ownership.Node}: relay replica {ownership.Replica} no longer owns it ({ownership.Reason})"));
}

using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Actors.Peers;
using Relay.Streams.Merging;
using Relay.Streams.Time;

namespace Relay.Api.Grpc;

/// <summary>
/// Calls every connected node at once for the Observer methods that are not GetFlows. Each node gets its own
/// deadline, so one hung node costs at most that deadline and is reported unavailable instead of hanging the
/// answer.
/// </summary>
public sealed class NodeFanOut(IPeerDirectory directory, IMaterializer materializer, QueryTuning tuning, string relayVersion)
{
    /// <summary>At most this many unavailable node names go into ServerStatus, as upstream.</summary>
    private const int MaxUnavailableNames = 10;

    public async Task<ServerStatusResponse> ServerStatusAsync(CancellationToken ct)
    {
        var nodes = directory.Nodes.Where(n => n.State != NodeState.Gone).ToList();
        var answers = await Task.WhenAll(nodes.Select(n => StatusOf(n, ct))).ConfigureAwait(false);
        var response = new ServerStatusResponse { Version = $"hubble-relay {relayVersion}" };
        var unavailable = new List<string>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (answers[i] is not { } status)
            {
                unavailable.Add(nodes[i].Name);
                continue;
            }

            response.NumFlows += status.NumFlows;
            response.MaxFlows += status.MaxFlows;
            response.SeenFlows += status.SeenFlows;
            response.UptimeNs = Math.Max(response.UptimeNs, status.UptimeNs);
            response.FlowsRate += status.FlowsRate;
        }

        response.NumConnectedNodes = (uint)(nodes.Count - unavailable.Count);
        response.NumUnavailableNodes = (uint)unavailable.Count;
        response.UnavailableNodes.AddRange(unavailable.Order(StringComparer.Ordinal).Take(MaxUnavailableNames));
        return response;
    }

    public async Task<GetNamespacesResponse> GetNamespacesAsync(GetNamespacesRequest request, Metadata headers, CancellationToken ct)
    {
        var clients = directory.Nodes.Where(n => n.State == NodeState.Connected).Select(n => n.Client).OfType<INodeClient>();
        var answers = await Task.WhenAll(clients.Select(c => WithDeadline(t => c.GetNamespacesAsync(request, headers, t), ct)))
            .ConfigureAwait(false);
        var merged = answers.OfType<GetNamespacesResponse>()
            .SelectMany(a => a.Namespaces)
            .DistinctBy(n => (n.Cluster, n.Namespace_))
            .OrderBy(n => n.Cluster, StringComparer.Ordinal)
            .ThenBy(n => n.Namespace_, StringComparer.Ordinal);
        var response = new GetNamespacesResponse();
        response.Namespaces.AddRange(merged);
        return response;
    }

    /// <summary>Streams an event method from every connected node, merged in time order.</summary>
    public async Task StreamEventsAsync<T>(
        Func<INodeClient, Metadata, CancellationToken, IAsyncEnumerable<T>> call,
        Func<T, Timestamp?> timeOf,
        bool follow,
        IServerStreamWriter<T> writer,
        ServerCallContext context,
        CancellationToken shuttingDown)
    {
        var ct = context.CancellationToken;
        var headers = context.RequestHeaders;
        var inputs = directory.Nodes
            .Where(n => n is { State: NodeState.Connected, Client: not null })
            .Select(n => new MergeInput<T>(n.Name, Source.From(() => call(n.Client!, headers, ct)).Recover(_ => Akka.Util.Option<T>.None)))
            .ToList();
        var ordering = MergeOrdering.By<T>(e => timeOf(e) is { } t ? UnixNanos.From(t) : null);
        var merged = Source.From(inputs)
            .Via(MergeSortedN.Create(ordering, MergeSortedSettings.History with { Follow = follow, Lateness = tuning.Lateness }));
        await ClientStream.RunAsync(merged, e => writer.WriteAsync(e), materializer, ct, shuttingDown).ConfigureAwait(false);
    }

    private async Task<ServerStatusResponse?> StatusOf(NodeEntry node, CancellationToken ct) =>
        node is { State: NodeState.Connected, Client: { } client }
            ? await WithDeadline(t => client.ServerStatusAsync(tuning.NodeCallTimeout, t), ct).ConfigureAwait(false)
            : null;

    private async Task<TResult?> WithDeadline<TResult>(Func<CancellationToken, Task<TResult>> call, CancellationToken ct)
        where TResult : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(tuning.NodeCallTimeout);
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}

using Akka.Streams;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Microsoft.Extensions.Logging;
using Relay.Actors.Flows;
using Relay.Actors.Peers;
using Relay.Api.Hosting;
using Relay.Api.Metrics;
using Relay.Streams.Query;
using Relay.Streams.Wire;

namespace Relay.Api.Grpc;

/// <summary>
/// The relay's <c>observer.Observer</c> service. It sees nodes only through <see cref="IPeerDirectory"/> and
/// runs each GetFlows call as one Akka.Streams graph (<see cref="FlowQuery"/>) materialized into the response
/// stream; every write is awaited, so a slow client slows only its own query: all the way to the nodes for history,
/// and up to its buffer on the shared node streams for follow (past it, it is told what it missed).
/// </summary>
public sealed partial class ObserverService(
    IPeerDirectory directory,
    INodeFlows flows,
    IMaterializer materializer,
    QueryTuning tuning,
    NodeStatusResponses statuses,
    NodeFanOut fanOut,
    TimeProvider clock,
    RelayShutdown shutdown,
    IRelayMetrics metrics,
    ILogger<ObserverService> logger)
{
    /// <summary>Most responses written with a buffering hint before a flush.</summary>
    private const int WriteBatchMax = 64;

    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    public async Task GetFlows(GetFlowsRequest request, IServerStreamWriter<RawFlowResponse> writer, ServerCallContext context)
    {
        FlowRequestValidator.Validate(request);
        var ct = context.CancellationToken;
        using var nodes = new QueryNodes(directory, flows, request.Follow, context.RequestHeaders, ct);
        var settings = new FlowQuerySettings(
            request, statuses, clock, tuning.Lateness, tuning.PerNodeBufferMax, tuning.LastNCap, tuning.ErrorWindow)
        {
            NodesCapacity = nodes.Capacity,
        };
        if (settings.ExceedsLastNCap)
        {
            ObserverLog.LastNUncut(logger, request.Number, tuning.LastNCap);
        }

        using var tracked = metrics.QueryStarted(request.Follow);
        var query = new FlowQuery(settings, (node, error) =>
        {
            if (!ct.IsCancellationRequested)
            {
                metrics.NodeStreamFailed(node, error);
            }

            directory.ReportNodeFailure(node, error);
        });
        await ClientStream.RunAsync(
            query.Build(nodes.Connected, nodes.Unavailable, nodes.Changes).Batched(WriteBatchMax),
            batch => WriteBatchAsync(writer, batch, tracked),
            materializer,
            ct,
            shutdown.Token,
            tracked.Merging).ConfigureAwait(false);
    }


    public Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context) =>
        fanOut.ServerStatusAsync(context.CancellationToken);

    public Task<GetNodesResponse> GetNodes(GetNodesRequest request, ServerCallContext context) =>
        Task.FromResult(NodeList.From(directory.Nodes));

    public Task<GetNamespacesResponse> GetNamespaces(GetNamespacesRequest request, ServerCallContext context) =>
        fanOut.GetNamespacesAsync(request, context.RequestHeaders, context.CancellationToken);

    public Task GetAgentEvents(GetAgentEventsRequest request, IServerStreamWriter<GetAgentEventsResponse> writer, ServerCallContext context) =>
        fanOut.StreamEventsAsync(
            (client, headers, ct) => client.GetAgentEventsAsync(request, headers, ct),
            e => e.Time,
            request.Follow,
            writer,
            context,
            shutdown.Token);

    public Task GetDebugEvents(GetDebugEventsRequest request, IServerStreamWriter<GetDebugEventsResponse> writer, ServerCallContext context) =>
        fanOut.StreamEventsAsync(
            (client, headers, ct) => client.GetDebugEventsAsync(request, headers, ct),
            e => e.Time,
            request.Follow,
            writer,
            context,
            shutdown.Token);

    /// <summary>Writes a batch with one flush: every response but the last carries the buffering hint.</summary>
    private static async Task WriteBatchAsync(IServerStreamWriter<RawFlowResponse> writer, List<RawFlowResponse> batch, IQueryMetrics tracked)
    {
        tracked.Forwarded(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            writer.WriteOptions = i < batch.Count - 1 ? BufferedWrite : null;
            await writer.WriteAsync(batch[i]).ConfigureAwait(false);
        }
    }
}

using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Fleet.Generation;
using Relay.Fleet.Hosting;
using Relay.Fleet.Ring;
using Relay.Streams.Filtering;
using ObserverBase = Hubble.Observer.Observer.ObserverBase;

namespace Relay.Fleet.Observer;

/// <summary>
/// The Observer service of every simulated node, answering as a Hubble node does; the node is the one
/// behind the port the call came in on. Every RPC honours the node's injected failures and send delay.
/// </summary>
internal sealed class FleetObserverService(FleetState state) : ObserverBase
{
    public override async Task GetFlows(GetFlowsRequest request, IServerStreamWriter<GetFlowsResponse> responseStream, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.GetFlowsCalled();
        node.Faults.ThrowIfFailing();
        var query = RequestValidation.ToQuery(request.Number, request.First, request.Follow, request.Since, request.Until);
        var matcher = Compile(request);
        var projection = FieldMaskProjection.Create(request.FieldMask);
        Func<GetFlowsResponse, bool>? matches = ReferenceEquals(matcher, FlowFilterMatcher.All) ? null : r => matcher.Matches(r.Flow);
        var cursor = new RingCursor<GetFlowsResponse>(node.Producer.Flows, query, matches);

        node.GetFlowsStreamOpened();
        try
        {
            await RingStreamer.StreamAsync(
                cursor,
                projection is null ? r => r : projection.Apply,
                lost => LostEvents(node, lost),
                responseStream,
                node,
                context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client cancelled or the node was stopped under it.
        }
        finally
        {
            node.GetFlowsStreamClosed();
        }
    }

    public override async Task GetAgentEvents(GetAgentEventsRequest request, IServerStreamWriter<GetAgentEventsResponse> responseStream, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.Faults.ThrowIfFailing();
        var query = RequestValidation.ToQuery(request.Number, request.First, request.Follow, request.Since, request.Until);
        await StreamEventsAsync(node.Producer.AgentEvents, query, responseStream, node, context);
    }

    public override async Task GetDebugEvents(GetDebugEventsRequest request, IServerStreamWriter<GetDebugEventsResponse> responseStream, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.Faults.ThrowIfFailing();
        var query = RequestValidation.ToQuery(request.Number, request.First, request.Follow, request.Since, request.Until);
        await StreamEventsAsync(node.Producer.DebugEvents, query, responseStream, node, context);
    }

    public override Task<GetNodesResponse> GetNodes(GetNodesRequest request, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.Faults.ThrowIfFailing();
        throw new RpcException(new Status(StatusCode.Unimplemented, "GetNodes not implemented"));
    }

    public override async Task<GetNamespacesResponse> GetNamespaces(GetNamespacesRequest request, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.Faults.ThrowIfFailing();
        await DelayAsync(node, context);

        var response = new GetNamespacesResponse();
        foreach (var ns in RingStatistics.Namespaces(node.Producer.Flows))
        {
            response.Namespaces.Add(new Namespace { Cluster = node.NamespaceCluster, Namespace_ = ns });
        }

        return response;
    }

    public override async Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context)
    {
        var node = state.NodeFor(context);
        node.Faults.ThrowIfFailing();
        await DelayAsync(node, context);
        var now = node.NowNanos;
        var ring = node.Producer.Flows;
        return new ServerStatusResponse
        {
            NumFlows = (ulong)ring.Count,
            MaxFlows = (ulong)ring.Capacity,
            SeenFlows = (ulong)node.FlowsProduced,
            UptimeNs = (ulong)Math.Max(0, now - node.Producer.AgentStartNanos),
            Version = FleetDefaults.Version,
            FlowsRate = RingStatistics.FlowRate(ring, node.Producer.NodeNanos(now)),
        };
    }

    private static FlowFilterMatcher Compile(GetFlowsRequest request)
    {
        try
        {
            return FlowFilterMatcher.Compile(request.Whitelist, request.Blacklist);
        }
        catch (UnsupportedFilterException e)
        {
            throw RequestValidation.InvalidArgument(e.Message);
        }
    }

    private static GetFlowsResponse LostEvents(SimulatedNode node, long count) => new()
    {
        LostEvents = new LostEvent { Source = LostEventSource.HubbleRingBuffer, NumEventsLost = (ulong)count },
        NodeName = node.PeerName,
        Time = FlowGenerator.ToTimestamp(node.Producer.NodeNanos(node.NowNanos)),
    };

    private static async Task StreamEventsAsync<T>(EventRing<T> ring, RingQuery query, IServerStreamWriter<T> responseStream, SimulatedNode node, ServerCallContext context)
        where T : class
    {
        try
        {
            await RingStreamer.StreamAsync(new RingCursor<T>(ring, query), e => e, _ => null, responseStream, node, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client cancelled or the node was stopped under it.
        }
    }

    private static Task DelayAsync(SimulatedNode node, ServerCallContext context)
    {
        var delay = node.SendDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay, node.Time, context.CancellationToken) : Task.CompletedTask;
    }
}

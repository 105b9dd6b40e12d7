using System.Collections.Concurrent;
using Akka;
using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Hubble.Relay;
using Relay.Streams.Merging;
using Relay.Streams.Time;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// The stream graph of one GetFlows call: status events first, then every node's flows merged in time order,
/// cut to <c>number</c> in total, with node errors aggregated. In follow mode, nodes that connect later — new
/// ones, or ones that come back after failing — join the running merge, a returning node resuming at its last
/// flow. Pure: nodes arrive as sources, sockets live elsewhere.
/// </summary>
public sealed class FlowQuery
{
    private readonly FlowQuerySettings _settings;
    private readonly Action<string, Exception> _onNodeFailure;
    private readonly ConcurrentDictionary<string, NodeResumePoint> _resumePoints = new(StringComparer.Ordinal);
    // Node name → the token of its attached part; a part that ends removes only its own token, never a newer one.
    private readonly ConcurrentDictionary<string, object> _attached = new(StringComparer.Ordinal);
    private readonly long _boundaryNanos;

    /// <param name="settings">The call and its tuning.</param>
    /// <param name="onNodeFailure">Told when a node's stream fails, so the node's connection is re-checked.</param>
    public FlowQuery(FlowQuerySettings settings, Action<string, Exception> onNodeFailure)
    {
        _settings = settings;
        _onNodeFailure = onNodeFailure;
        _boundaryNanos = UnixNanos.From(settings.Clock.GetUtcNow());
        Request = WithMergeKey(settings.Request);
    }

    /// <summary>
    /// A node fills the response's top-level <c>time</c> from the masked flow, so a field mask without
    /// <c>time</c> would leave the merge blind: the relay asks for it too (a few bytes more per flow, exact order).
    /// </summary>
    private static GetFlowsRequest WithMergeKey(GetFlowsRequest request)
    {
        if (request.FieldMask is not { Paths.Count: > 0 } mask || mask.Paths.Contains("time"))
        {
            return request;
        }

        var withTime = request.Clone();
        withTime.FieldMask.Paths.Add("time");
        return withTime;
    }

    /// <summary>What every node is asked (before per-phase changes): the client's request, merge-ready.</summary>
    private GetFlowsRequest Request { get; }

    /// <summary>
    /// Builds the response source. <paramref name="changes"/> feeds a follow query's later nodes; a history query
    /// ignores it and completes once every node's stream has.
    /// </summary>
    public Source<RawFlowResponse, MergeStats> Build(
        IReadOnlyList<QueryNode> connected,
        IReadOnlyList<string> unavailable,
        Source<NodeChange, NotUsed> changes)
    {
        var statuses = new List<RawFlowResponse>();
        if (connected.Count > 0)
        {
            statuses.Add(_settings.Statuses.Create(NodeState.NodeConnected, connected.Select(n => n.Name)));
        }

        if (unavailable.Count > 0)
        {
            statuses.Add(_settings.Statuses.Create(NodeState.NodeUnavailable, unavailable));
        }

        Source<RawFlowResponse, MergeStats> merged;
        if (!Request.Follow)
        {
            merged = Merge(Source.From(connected).Select(node => Attach(node, Request, announce: false)), follow: false)
                .Via(Cut());
        }
        else if (Request.Number > 0)
        {
            // The last N up to the call's start come from an exact history merge; live flows follow from the
            // call's start, each node resuming where its history ended. Nothing is lost between the two parts,
            // and slow nodes cannot make the cut release early.
            var history = Merge(Source.From(connected).Select(node => Attach(node, HistoryRequest(), announce: false)), follow: false)
                .Via(Cut());
            var live = Merge(LiveInputs(connected, changes, ResumeRequest), follow: true);
            merged = history.ConcatMaterialized(live, Keep.Right);
        }
        else
        {
            merged = Merge(LiveInputs(connected, changes, _ => InitialRequest()), follow: true);
        }

        return Source.From(statuses)
            .ConcatMaterialized(merged, Keep.Right)
            .Via(new NodeErrorAggregator(_settings.Statuses, _settings.ErrorWindow));
    }

    private Source<MergeInput<RawFlowResponse>, NotUsed> LiveInputs(
        IReadOnlyList<QueryNode> connected, Source<NodeChange, NotUsed> changes, Func<string, GetFlowsRequest> request) =>
        Source.From(connected)
            .Select(node => Attach(node, request(node.Name), announce: false))
            .Concat(changes.SelectMany(OnChange));

    private Source<RawFlowResponse, MergeStats> Merge(Source<MergeInput<RawFlowResponse>, NotUsed> inputs, bool follow) =>
        inputs.ViaMaterialized(
            MergeSortedN.Create(
                RawFlowOrdering.Instance,
                new MergeSortedSettings { Follow = follow, Lateness = _settings.Lateness, PerInputBufferMax = _settings.PerNodeBufferMax }),
            Keep.Right);

    private HistoryCut<RawFlowResponse> Cut() => new(RawFlowOrdering.Instance.TimeOf, CutSettings());

    private HistoryCutSettings CutSettings()
    {
        var number = (int)Math.Min(Request.Number, int.MaxValue);
        if (Request.First || _settings.NeedsLastNCut)
        {
            return new HistoryCutSettings(number, Request.First);
        }

        // Above the cap: uncut (logged by the caller). At or above the nodes' capacity: stream, stopping at N —
        // nodes still producing while they answer may send a few flows more than their rings held.
        return _settings.ExceedsLastNCap ? new HistoryCutSettings(0, false) : new HistoryCutSettings(number, First: true);
    }

    /// <summary>The history part of a follow query with <c>number</c>: the last N up to the call's start.</summary>
    private GetFlowsRequest HistoryRequest()
    {
        var request = Request.Clone();
        request.Follow = false;
        if (request.Until is null || UnixNanos.From(request.Until) > _boundaryNanos)
        {
            request.Until = UnixNanos.ToTimestamp(_boundaryNanos);
        }

        return request;
    }

    private IEnumerable<MergeInput<RawFlowResponse>> OnChange(NodeChange change)
    {
        if (change is NodeAvailable available && !_attached.ContainsKey(available.Node.Name))
        {
            yield return Attach(available.Node, ResumeRequest(available.Node.Name), announce: true);
        }
    }

    /// <summary>
    /// What the nodes present at the start are asked. A follow query without history starts at the call's start
    /// on the relay clock rather than at each node's live edge, so flows produced while the node calls are being
    /// set up are not lost.
    /// </summary>
    private GetFlowsRequest InitialRequest()
    {
        if (!Request.Follow || Request.Number > 0 || Request.Since is not null)
        {
            return Request;
        }

        var request = Request.Clone();
        request.Since = UnixNanos.ToTimestamp(_boundaryNanos);
        return request;
    }

    /// <summary>A later node gets only live flows: since its resume point, or since the call started.</summary>
    private GetFlowsRequest ResumeRequest(string node)
    {
        var since = _resumePoints.TryGetValue(node, out var point) && point.LastTime is { } last ? last : _boundaryNanos;
        var request = Request.Clone();
        request.Number = 0;
        request.First = false;
        request.Since = UnixNanos.ToTimestamp(since);
        return request;
    }

    private MergeInput<RawFlowResponse> Attach(QueryNode node, GetFlowsRequest request, bool announce)
    {
        var token = new object();
        _attached[node.Name] = token;
        var point = _resumePoints.GetOrAdd(node.Name, _ => new NodeResumePoint());
        var input = new NodeInputStage(
            point,
            resumed: point.LastTime is not null,
            announce ? _settings.Statuses.Create(NodeState.NodeConnected, [node.Name]) : null,
            error =>
            {
                _onNodeFailure(node.Name, error);
                return Failure(node.Name, error);
            },
            () => _attached.TryRemove(KeyValuePair.Create(node.Name, token)));
        return new MergeInput<RawFlowResponse>(node.Name, node.OpenFlows(request).Via(input));
    }

    private RawFlowResponse Failure(string node, Exception error)
    {
        var (state, message) = error switch
        {
            RpcException { StatusCode: StatusCode.Unavailable } rpc => (NodeState.NodeUnavailable, rpc.Status.Detail),
            RpcException rpc => (NodeState.NodeError, rpc.Status.Detail),
            _ => (NodeState.NodeError, error.Message),
        };
        return _settings.Statuses.Create(state, [node], message);
    }

}

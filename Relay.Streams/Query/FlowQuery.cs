using System.Collections.Concurrent;
using Akka;
using Akka.Streams.Dsl;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Hubble.Relay;
using Relay.Streams.Merging;
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
    private readonly ConcurrentDictionary<string, bool> _attached = new(StringComparer.Ordinal);
    private readonly long _boundaryNanos;

    /// <param name="settings">The call and its tuning.</param>
    /// <param name="onNodeFailure">Told when a node's stream fails, so the node's connection is re-checked.</param>
    public FlowQuery(FlowQuerySettings settings, Action<string, Exception> onNodeFailure)
    {
        _settings = settings;
        _onNodeFailure = onNodeFailure;
        _boundaryNanos = ToNanos(settings.Clock.GetUtcNow());
    }

    private GetFlowsRequest Request => _settings.Request;

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

        var inputs = Source.From(connected).Select(node => Attach(node, Request, announce: false));
        if (Request.Follow)
        {
            inputs = inputs.Concat(changes.SelectMany(OnChange));
        }

        var merge = MergeSortedN.Create(
            RawFlowOrdering.Instance,
            new MergeSortedSettings
            {
                Follow = Request.Follow,
                Lateness = _settings.Lateness,
                PerInputBufferMax = _settings.PerNodeBufferMax,
            });

        var cut = new HistoryCut<RawFlowResponse>(
            RawFlowOrdering.Instance.TimeOf,
            new HistoryCutSettings(
                _settings.ExceedsLastNCap ? 0 : (int)Request.Number,
                Request.First,
                Request.Follow ? _boundaryNanos : null,
                _settings.Lateness),
            () => ToNanos(_settings.Clock.GetUtcNow()));

        var merged = inputs
            .ViaMaterialized(merge, Keep.Right)
            .Via(cut)
            .Via(new NodeErrorAggregator(_settings.Statuses, _settings.ErrorWindow));

        return Source.From(statuses).ConcatMaterialized(merged, Keep.Right);
    }

    private IEnumerable<MergeInput<RawFlowResponse>> OnChange(NodeChange change)
    {
        if (change is NodeAvailable available && !_attached.ContainsKey(available.Node.Name))
        {
            yield return Attach(available.Node, ResumeRequest(available.Node.Name), announce: true);
        }
    }

    /// <summary>A later node gets only live flows: since its resume point, or since the call started.</summary>
    private GetFlowsRequest ResumeRequest(string node)
    {
        var since = _resumePoints.TryGetValue(node, out var point) && point.LastTime is { } last ? last : _boundaryNanos;
        var request = Request.Clone();
        request.Number = 0;
        request.First = false;
        request.Since = FromNanos(since);
        return request;
    }

    private MergeInput<RawFlowResponse> Attach(QueryNode node, GetFlowsRequest request, bool announce)
    {
        _attached[node.Name] = true;
        var point = _resumePoints.GetOrAdd(node.Name, _ => new NodeResumePoint());
        var flows = node.OpenFlows(request);
        if (announce)
        {
            flows = Source.Single(_settings.Statuses.Create(NodeState.NodeConnected, [node.Name]))
                .Concat(flows.Where(r => !point.IsAlreadySeen(r)));
        }

        var source = flows
            .Select(r =>
            {
                point.Observe(r);
                return r;
            })
            .Recover(error =>
            {
                _onNodeFailure(node.Name, error);
                return Akka.Util.Option<RawFlowResponse>.Create(Failure(node.Name, error));
            })
            .WatchTermination((mat, done) =>
            {
                done.ContinueWith(_ => _attached.TryRemove(node.Name, out bool _), TaskScheduler.Default);
                return mat;
            });
        return new MergeInput<RawFlowResponse>(node.Name, source);
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

    private static long ToNanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static Timestamp FromNanos(long nanos) =>
        new() { Seconds = Math.DivRem(nanos, 1_000_000_000L, out var rest), Nanos = (int)rest };
}

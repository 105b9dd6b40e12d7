using Akka.Streams;
using Akka.Streams.Stage;
using Hubble.Relay;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// Coalesces <c>NODE_ERROR</c> status responses that carry the same message into one event naming every node,
/// so a filter rejected by 50 nodes reaches the client as one line instead of 50. Errors are held for at most
/// <see cref="Window"/> (upstream uses 10 s) and flushed early when the stream completes.
/// <para>Emits when: a non-error response arrives and downstream demands it; when the window closes or upstream
/// completes, the aggregated errors (one per distinct message, in order of first arrival).</para>
/// <para>Backpressures when: downstream backpressures.</para>
/// <para>Completes when: upstream completes and the held errors have been emitted.</para>
/// <para>Cancels when: downstream cancels.</para>
/// </summary>
public sealed class NodeErrorAggregator : GraphStage<FlowShape<RawFlowResponse, RawFlowResponse>>
{
    /// <summary>The aggregation window the upstream relay uses.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly Inlet<RawFlowResponse> _in = new("NodeErrorAggregator.in");
    private readonly Outlet<RawFlowResponse> _out = new("NodeErrorAggregator.out");
    private readonly NodeStatusResponses _responses;

    public NodeErrorAggregator(NodeStatusResponses responses, TimeSpan? window = null)
    {
        _responses = responses;
        Window = window ?? DefaultWindow;
        Shape = new FlowShape<RawFlowResponse, RawFlowResponse>(_in, _out);
    }

    public TimeSpan Window { get; }

    public override FlowShape<RawFlowResponse, RawFlowResponse> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string FlushTimer = "flush";
        private readonly NodeErrorAggregator _stage;

        // Message → node names, in order of first arrival; a handful of entries at most.
        private readonly List<(string Message, List<string> Nodes)> _pending = [];

        public Logic(NodeErrorAggregator stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: PullIfNeeded);
        }

        protected override void OnTimer(object timerKey) => EmitMultiple(_stage._out, Flush(), PullIfNeeded);

        private void OnPush()
        {
            var element = Grab(_stage._in);
            var status = element.Kind == ResponseKind.NodeStatus ? NodeStatusResponses.TryRead(element) : null;
            if (status is null || status.StateChange != NodeState.NodeError)
            {
                Emit(_stage._out, element);
                return;
            }

            Hold(status);
            if (!IsTimerActive(FlushTimer))
            {
                ScheduleOnce(FlushTimer, _stage.Window);
            }

            PullIfNeeded();
        }

        private void OnUpstreamFinish()
        {
            CancelTimer(FlushTimer);
            EmitMultiple(_stage._out, Flush(), CompleteStage);
        }

        private void PullIfNeeded()
        {
            if (IsAvailable(_stage._out) && !HasBeenPulled(_stage._in) && !IsClosed(_stage._in))
            {
                Pull(_stage._in);
            }
        }

        private void Hold(NodeStatusEvent status)
        {
            var index = _pending.FindIndex(p => p.Message == status.Message);
            if (index < 0)
            {
                _pending.Add((status.Message, [.. status.NodeNames.Distinct()]));
                return;
            }

            var nodes = _pending[index].Nodes;
            nodes.AddRange(status.NodeNames.Where(n => !nodes.Contains(n)));
        }

        private List<RawFlowResponse> Flush()
        {
            var events = _pending.Select(p => _stage._responses.Create(NodeState.NodeError, p.Nodes, p.Message)).ToList();
            _pending.Clear();
            return events;
        }
    }
}

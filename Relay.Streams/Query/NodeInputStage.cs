using Akka.Streams;
using Akka.Streams.Stage;
using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// One node's part of a query, between the node's GetFlows stream and the merge: announces a node that joined
/// late, drops what a resumed stream repeats, records the resume point, turns the node's failure into one status
/// response (a node failing must not fail the query), and reports when the node's part has ended. One stage
/// instead of a chain of four: a follow query over 1,000 nodes holds 1,000 of these for as long as it runs.
/// <para>Emits when: the announcement, then each response not already seen; after a failure, its status.</para>
/// <para>Backpressures when: downstream backpressures.</para>
/// <para>Completes when: upstream completes, or after the failure's status is emitted.</para>
/// <para>Cancels when: downstream cancels.</para>
/// </summary>
public sealed class NodeInputStage : GraphStage<FlowShape<RawFlowResponse, RawFlowResponse>>
{
    private readonly Inlet<RawFlowResponse> _in = new("NodeInput.in");
    private readonly Outlet<RawFlowResponse> _out = new("NodeInput.out");
    private readonly NodeResumePoint _point;
    private readonly bool _resumed;
    private readonly RawFlowResponse? _announcement;
    private readonly Func<Exception, RawFlowResponse> _onFailure;
    private readonly Action _onEnded;

    /// <param name="point">Where the node's part stands; updated with every response passed on.</param>
    /// <param name="resumed">The stream resumes at <paramref name="point"/>: drop the responses it already saw.</param>
    /// <param name="announcement">Emitted before the node's first response; null for none.</param>
    /// <param name="onFailure">Told the node stream's failure; returns the status response that replaces it.</param>
    /// <param name="onEnded">Called once when the stage stops, however it stops.</param>
    public NodeInputStage(
        NodeResumePoint point,
        bool resumed,
        RawFlowResponse? announcement,
        Func<Exception, RawFlowResponse> onFailure,
        Action onEnded)
    {
        _point = point;
        _resumed = resumed;
        _announcement = announcement;
        _onFailure = onFailure;
        _onEnded = onEnded;
        Shape = new FlowShape<RawFlowResponse, RawFlowResponse>(_in, _out);
    }

    public override FlowShape<RawFlowResponse, RawFlowResponse> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("NodeInput");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly NodeInputStage _stage;

        public Logic(NodeInputStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void PreStart()
        {
            if (_stage._announcement is { } announcement)
            {
                Emit(_stage._out, announcement);
            }
        }

        public override void OnPush()
        {
            var response = Grab(_stage._in);
            if (_stage._resumed && _stage._point.IsAlreadySeen(response))
            {
                Pull(_stage._in);
                return;
            }

            _stage._point.Observe(response);
            Push(_stage._out, response);
        }

        public override void OnUpstreamFailure(Exception e) => Emit(_stage._out, _stage._onFailure(e), CompleteStage);

        public override void OnPull() => Pull(_stage._in);

        public override void PostStop() => _stage._onEnded();
    }
}

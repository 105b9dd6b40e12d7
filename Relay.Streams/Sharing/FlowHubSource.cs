using Akka.Streams;
using Akka.Streams.Stage;
using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// One follower's responses from a <see cref="FlowHub"/>, as a source stage.
/// <list type="bullet">
/// <item>Emits when downstream demands and the follower has a response (a <c>lost_events</c> first when it fell
/// behind).</item>
/// <item>Backpressures never upstream: the hub does not wait; a follower that does not pull falls behind and
/// drops responses past its buffer.</item>
/// <item>Completes or fails when the hub's upstream did, after the follower has read what it had left.</item>
/// <item>Cancels by leaving the hub; the last follower leaving closes it.</item>
/// </list>
/// </summary>
internal sealed class FlowHubSource(FlowHubSubscription subscription) : GraphStage<SourceShape<RawFlowResponse>>
{
    public Outlet<RawFlowResponse> Out { get; } = new("FlowHubSource.out");

    public override SourceShape<RawFlowResponse> Shape => new(Out);

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("flowHubSource");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this, subscription);

    private sealed class Logic : GraphStageLogic, IOutHandler
    {
        private readonly FlowHubSource _stage;
        private readonly FlowHubSubscription _subscription;
        private Action _wake = () => { };

        public Logic(FlowHubSource stage, FlowHubSubscription subscription)
            : base(stage.Shape)
        {
            _stage = stage;
            _subscription = subscription;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _subscription.Claim();
            _wake = GetAsyncCallback(OnWake);
        }

        public override void PostStop() => _subscription.Leave();

        public void OnPull() => Deliver();

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        private void OnWake()
        {
            if (IsAvailable(_stage.Out))
            {
                Deliver();
            }
        }

        private void Deliver()
        {
            switch (_subscription.TryTake(_wake, out var response))
            {
                case FlowHubTake.Response:
                    Push(_stage.Out, response!);
                    break;
                case FlowHubTake.Completed:
                    CompleteStage();
                    break;
                case FlowHubTake.Failed:
                    FailStage(_subscription.Failure!);
                    break;
            }
        }
    }
}

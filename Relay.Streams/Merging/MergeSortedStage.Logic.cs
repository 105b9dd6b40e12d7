using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Stage;
using Relay.Streams.Time;

namespace Relay.Streams.Merging;

/// <content>The stage's mutable state and its reactions to the outer source, the inputs and downstream.</content>
internal sealed partial class MergeSortedStage<T>
{
    private sealed partial class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        private const string ReleaseTimer = "release";
        private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMinutes(1);

        private readonly MergeSortedStage<T> _stage;
        private readonly MergeStats _stats;
        private readonly Attributes _attributes;
        private readonly bool _follow;
        private readonly int _cap;
        private readonly int _readyCount;
        private readonly long _latenessNs;
        private readonly long _reorderWindowNs;

        // Inputs holding timed elements, by head; control elements in arrival order; live inputs by name.
        private readonly HeadHeap<T, InputPort> _heads = new();
        private readonly Queue<(T Element, InputPort? From)> _controls = new();
        private readonly Dictionary<string, InputPort> _live = new(StringComparer.Ordinal);

        private IScheduler? _scheduler;
        private long _seq;
        private long _buffered;
        private long _emittedTime = long.MinValue;
        private int _waiting;
        private int _full;
        private bool _outerClosed;
        private bool _timerPending;
        private long _timerDue;

        public Logic(MergeSortedStage<T> stage, MergeStats stats, Attributes attributes)
            : base(stage.Shape)
        {
            _stage = stage;
            _stats = stats;
            _attributes = attributes;
            _follow = stage._settings.Follow;
            _cap = stage._settings.PerInputBufferMax;

            // History re-sorts each input within its buffer, so a head is final only once the buffer is full.
            _readyCount = _follow ? 1 : _cap;
            _latenessNs = UnixNanos.Of(stage._settings.Lateness);
            _reorderWindowNs = UnixNanos.Of(stage._settings.HistoryReorderWindow);
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            // The materializer's scheduler is the relay clock, so a virtual-time scheduler drives tests.
            _scheduler = (Materializer as ActorMaterializer)?.System.Scheduler;
            Pull(_stage.In);
        }

        public override void PostStop()
        {
            foreach (var port in _live.Values)
            {
                port.Inlet.Cancel();
            }

            _live.Clear();
        }

        public void OnPush()
        {
            Join(Grab(_stage.In));
            Pull(_stage.In);
        }

        public void OnUpstreamFinish()
        {
            _outerClosed = true;
            Drive();
        }

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnPull() => Drive();

        public void OnDownstreamFinish(Exception cause) => CancelStage(cause);

        protected override void OnTimer(object timerKey)
        {
            _timerPending = false;
            Drive();
        }

        private void Join(MergeInput<T> input)
        {
            var name = input.Name ?? string.Empty;
            if (_live.TryGetValue(name, out var replaced))
            {
                // A newer stream for the same node wins (e.g. a re-attach); what the old one delivered stays.
                replaced.Inlet.Cancel();
                Leave(replaced, null);
            }

            var port = new InputPort(this, name);
            port.Inlet = CreateSubSinkInlet<T>($"MergeSortedN.{name}");
            port.Inlet.SetHandler(port);
            _live.Add(name, port);
            _stats.CountJoined();
            Track(port, wasWaiting: false, wasFull: false);
            port.Inlet.Pull();
            try
            {
                SubFusingMaterializer.Materialize(input.Source.To(port.Inlet.Sink), _attributes);
            }
            catch (Exception e)
            {
                port.Inlet.Cancel();
                Leave(port, e);
            }
        }

        private void OnInputPush(InputPort port)
        {
            var element = port.Inlet.Grab();
            if (!port.IsLive)
            {
                return; // replaced: anything still in flight from the old stream is dropped
            }

            var wasWaiting = IsWaiting(port);
            var wasFull = IsFull(port);
            if (_stage._ordering.TimeOf(element) is { } time)
            {
                var held = new HeldElement<T>(time, _seq++, _follow ? DeadlineFor(time) : 0, element);
                if (port.Add(held, _cap))
                {
                    if (port.HeapIndex < 0)
                    {
                        _heads.Add(port);
                    }
                    else
                    {
                        _heads.Update(port);
                    }
                }
            }
            else
            {
                _controls.Enqueue((element, port));
                port.Controls++;
            }

            Track(port, wasWaiting, wasFull);
            SetBuffered(_buffered + 1);

            // Release (and arm the timer) before asking for more, so an observed pull means this push is handled.
            Drive();
            PullIfRoom(port);
            _stats.CountReceived();
        }

        private void Leave(InputPort port, Exception? failure)
        {
            if (!port.IsLive)
            {
                return;
            }

            var wasWaiting = IsWaiting(port);
            var wasFull = IsFull(port);
            port.IsLive = false;
            Track(port, wasWaiting, wasFull);
            if (_live.TryGetValue(port.Name, out var current) && ReferenceEquals(current, port))
            {
                _live.Remove(port.Name);
            }

            _stats.CountLeft();
            if (failure is not null)
            {
                _stats.CountFailed();
                var map = _stage._onInputFailure;
                if (map is not null && map(port.Name, failure) is { } report)
                {
                    _controls.Enqueue((report, null));
                    SetBuffered(_buffered + 1);
                }
            }

            Drive();
        }

        private void PullIfRoom(InputPort port)
        {
            if (port.IsLive && port.Held < _cap && !port.Inlet.HasBeenPulled && !port.Inlet.IsClosed)
            {
                port.Inlet.Pull();
            }
        }

        private void SetBuffered(long buffered)
        {
            _buffered = buffered;
            _stats.SetBuffered(buffered);
        }

        /// <summary>One input: its held elements (the base class) and its sub-stream inlet.</summary>
        private sealed class InputPort(Logic logic, string name) : InputBuffer<T>(name), IInHandler
        {
            public SubSinkInlet<T> Inlet { get; set; } = null!;

            public void OnPush() => logic.OnInputPush(this);

            public void OnUpstreamFinish() => logic.Leave(this, null);

            public void OnUpstreamFailure(Exception e) => logic.Leave(this, e);
        }
    }
}

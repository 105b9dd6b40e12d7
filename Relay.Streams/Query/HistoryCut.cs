using Akka.Streams;
using Akka.Streams.Stage;

namespace Relay.Streams.Query;

/// <summary>
/// Applies <c>number</c>/<c>first</c> to a merged, time-ordered stream so the client gets that many flows in
/// total — the globally most recent (or earliest) — rather than that many per node. Untimed elements (status
/// events) always pass at once. Memory is bounded by <see cref="HistoryCutSettings.Number"/>.
/// <para>Emits when: first-N — each of the first N timed elements; last-N history — the held elements once upstream
/// completes; last-N follow — the held history once a live element (newer than the boundary) arrives or the relay
/// clock passes boundary + lateness, then every element as it arrives.</para>
/// <para>Backpressures when: downstream backpressures while elements are being released.</para>
/// <para>Completes when: upstream completes and the held elements are emitted; first-N — after the Nth element.</para>
/// <para>Cancels when: downstream cancels; first-N — after the Nth element.</para>
/// </summary>
public sealed class HistoryCut<T> : GraphStage<FlowShape<T, T>>
{
    private readonly Inlet<T> _in = new("HistoryCut.in");
    private readonly Outlet<T> _out = new("HistoryCut.out");
    private readonly Func<T, long?> _timeOf;
    private readonly HistoryCutSettings _settings;
    private readonly Func<long> _nowNanos;

    /// <param name="timeOf">The element's time in Unix ns, or null for an untimed control element.</param>
    /// <param name="settings">What to cut.</param>
    /// <param name="nowNanos">The relay clock, in Unix ns; consulted when the boundary timer fires.</param>
    public HistoryCut(Func<T, long?> timeOf, HistoryCutSettings settings, Func<long> nowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Number);
        _timeOf = timeOf;
        _settings = settings;
        _nowNanos = nowNanos;
        Shape = new FlowShape<T, T>(_in, _out);
    }

    public override FlowShape<T, T> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string BoundaryTimer = "boundary";
        private readonly HistoryCut<T> _stage;
        private readonly Queue<T> _held = new();
        private int _taken;
        private bool _live;

        public Logic(HistoryCut<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _live = stage._settings.Number == 0;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: PullIfNeeded);
        }

        private HistoryCutSettings Settings => _stage._settings;

        public override void PreStart()
        {
            base.PreStart();
            if (!_live && !Settings.First && Settings.LiveBoundaryNanos is { } boundary)
            {
                ScheduleBoundaryCheck(boundary);
            }
        }

        protected override void OnTimer(object timerKey)
        {
            if (!_live && Settings.LiveBoundaryNanos is { } boundary)
            {
                ScheduleBoundaryCheck(boundary);
            }
        }

        private void ScheduleBoundaryCheck(long boundary)
        {
            var due = boundary + (long)(Settings.Lateness.Ticks * 100) - _stage._nowNanos();
            if (due <= 0)
            {
                GoLive();
                return;
            }

            ScheduleOnce(BoundaryTimer, TimeSpan.FromTicks(Math.Max(1, due / 100)));
        }

        private void OnPush()
        {
            var element = Grab(_stage._in);
            var time = _stage._timeOf(element);
            if (_live || time is null)
            {
                Emit(_stage._out, element);
                return;
            }

            if (Settings.First)
            {
                _taken++;
                if (_taken >= Settings.Number)
                {
                    Emit(_stage._out, element, CompleteStage);
                    return;
                }

                Emit(_stage._out, element);
                return;
            }

            if (Settings.LiveBoundaryNanos is { } boundary && time > boundary)
            {
                _held.Enqueue(element);
                GoLive();
                return;
            }

            _held.Enqueue(element);
            if (_held.Count > Settings.Number)
            {
                _held.Dequeue();
            }

            PullIfNeeded();
        }

        private void GoLive()
        {
            _live = true;
            CancelTimer(BoundaryTimer);
            var released = _held.ToArray();
            _held.Clear();
            EmitMultiple(_stage._out, released, PullIfNeeded);
        }

        private void OnUpstreamFinish()
        {
            var released = _held.ToArray();
            _held.Clear();
            EmitMultiple(_stage._out, released, CompleteStage);
        }

        private void PullIfNeeded()
        {
            if (IsAvailable(_stage._out) && !HasBeenPulled(_stage._in) && !IsClosed(_stage._in))
            {
                Pull(_stage._in);
            }
        }
    }
}

using Akka.Streams;
using Akka.Streams.Stage;

namespace Relay.Streams.Query;

/// <summary>
/// Applies <c>number</c>/<c>first</c> to a merged history so the client gets that many flows in total — the
/// globally most recent (or earliest) — rather than that many per node. Untimed elements (status events) pass
/// at once. Memory is bounded by <see cref="HistoryCutSettings.Number"/>.
/// <para>Emits when: first-N — each of the first N timed elements; last-N — the newest N timed elements, in time
/// order, once upstream completes; untimed elements as they arrive.</para>
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

    /// <param name="timeOf">The element's time in Unix ns, or null for an untimed control element.</param>
    /// <param name="settings">What to cut.</param>
    public HistoryCut(Func<T, long?> timeOf, HistoryCutSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Number);
        _timeOf = timeOf;
        _settings = settings;
        Shape = new FlowShape<T, T>(_in, _out);
    }

    public override FlowShape<T, T> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly HistoryCut<T> _stage;

        // The newest N elements by time (ties by arrival), oldest on top so it is the one dropped: a merge may
        // deliver a late flow out of order, and the cut must still keep exactly the newest N.
        private readonly PriorityQueue<T, (long Time, long Seq)> _held = new();
        private long _seq;
        private int _taken;

        public Logic(HistoryCut<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: PullIfNeeded);
        }

        private HistoryCutSettings Settings => _stage._settings;

        private void OnPush()
        {
            var element = Grab(_stage._in);
            if (Settings.Number == 0 || _stage._timeOf(element) is not { } time)
            {
                Emit(_stage._out, element);
                return;
            }

            if (Settings.First)
            {
                _taken++;
                Emit(_stage._out, element, _taken >= Settings.Number ? CompleteStage : PullIfNeeded);
                return;
            }

            _held.Enqueue(element, (time, _seq++));
            if (_held.Count > Settings.Number)
            {
                _held.Dequeue();
            }

            PullIfNeeded();
        }

        private void OnUpstreamFinish()
        {
            var released = new List<T>(_held.Count);
            while (_held.TryDequeue(out var element, out _))
            {
                released.Add(element);
            }

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

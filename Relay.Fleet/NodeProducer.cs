using Hubble.Observer;
using Relay.Fleet.Generation;
using Relay.Fleet.Ring;

namespace Relay.Fleet;

/// <summary>
/// Fills one node's rings: a history at start (timestamped in the past at the node's rate), then, on every
/// tick, the flows that fell due since the last one, each stamped with its own scheduled time. Agent and
/// debug events follow their own slower schedules. Pausing stops everything; resuming starts afresh from now.
/// </summary>
internal sealed class NodeProducer
{
    private const long NanosPerSecond = 1_000_000_000;

    private readonly Lock _lock = new();
    private readonly string _nodeName;
    private readonly FlowGenerator _flows;
    private readonly NodeEventGenerator _events;
    private readonly Random _jitter;
    private readonly long _agentIntervalNanos = ToNanos(FleetDefaults.AgentEventInterval);
    private readonly long _debugIntervalNanos = ToNanos(FleetDefaults.DebugEventInterval);
    private long[] _batchTimes = new long[64];
    private GetFlowsResponse[] _batch = new GetFlowsResponse[64];
    private double _rate;
    private long _baseNanos;
    private long _producedSinceBase;
    private long _nextAgentNanos;
    private long _nextDebugNanos;
    private long _lastFlowNanos;
    private long _flowsProduced;
    private long _clockOffsetNanos;
    private bool _paused;

    public NodeProducer(string nodeName, FlowGenerator flows, NodeEventGenerator events, Random jitter, int ringCapacity, double rate)
    {
        _nodeName = nodeName;
        _flows = flows;
        _events = events;
        _jitter = jitter;
        _rate = rate;
        Flows = new EventRing<GetFlowsResponse>(ringCapacity);
        AgentEvents = new EventRing<GetAgentEventsResponse>(FleetDefaults.EventRingCapacity);
        DebugEvents = new EventRing<GetDebugEventsResponse>(FleetDefaults.EventRingCapacity);
    }

    public EventRing<GetFlowsResponse> Flows { get; }

    public EventRing<GetAgentEventsResponse> AgentEvents { get; }

    public EventRing<GetDebugEventsResponse> DebugEvents { get; }

    /// <summary>When the simulated agent started (before its oldest history), Unix nanoseconds on the fleet clock.</summary>
    public long AgentStartNanos { get; private set; }

    /// <summary>Flows produced since the agent started, history included (ServerStatus <c>seen_flows</c>).</summary>
    public long FlowsProduced => Interlocked.Read(ref _flowsProduced);

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    public double Rate
    {
        get
        {
            lock (_lock)
            {
                return _rate;
            }
        }
    }

    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetNanos) / 100);
        set => Interlocked.Exchange(ref _clockOffsetNanos, value.Ticks * 100);
    }

    /// <summary>The node's own clock: the fleet clock plus its skew.</summary>
    public long NodeNanos(long fleetNanos) => fleetNanos + Interlocked.Read(ref _clockOffsetNanos);

    public static long ToNanos(TimeSpan span) => span.Ticks * 100;


    /// <summary>Writes <paramref name="count"/> flows ending just before <paramref name="nowNanos"/>, and the agent's start.</summary>
    public void Prefill(int count, long nowNanos)
    {
        lock (_lock)
        {
            var spacing = Spacing(_rate);
            var first = nowNanos - count * spacing;
            AgentStartNanos = first - NanosPerSecond;
            WriteAgentEvent(AgentStartNanos, _events.Started(FlowGenerator.ToTimestamp(NodeNanos(AgentStartNanos))));
            for (var t = AgentStartNanos + _agentIntervalNanos; t < nowNanos; t += _agentIntervalNanos)
            {
                WriteAgentEvent(t, _events.NextAgentEvent());
            }

            var debugFrom = Math.Max(AgentStartNanos, nowNanos - FleetDefaults.EventRingCapacity * _debugIntervalNanos);
            for (var t = debugFrom + _debugIntervalNanos; t < nowNanos; t += _debugIntervalNanos)
            {
                WriteDebugEvent(t, _events.NextDebugEvent());
            }

            var written = 0;
            while (written < count)
            {
                var size = Math.Min(count - written, 4096);
                EnsureBatch(size);
                for (var i = 0; i < size; i++)
                {
                    var slot = first + (written + i) * spacing;
                    _batch[i] = Respond(_flows.Next(NextFlowTime(slot, spacing), out _batchTimes[i]));
                }

                Flows.WriteBatch(_batchTimes.AsSpan(0, size), _batch.AsSpan(0, size));
                Interlocked.Add(ref _flowsProduced, size);
                written += size;
            }

            Array.Clear(_batch);
            Rebase(nowNanos);
        }
    }

    /// <summary>Produces whatever fell due up to <paramref name="nowNanos"/> (fleet clock).</summary>
    public void Tick(long nowNanos)
    {
        lock (_lock)
        {
            if (_paused)
            {
                return;
            }

            while (nowNanos >= _nextAgentNanos)
            {
                WriteAgentEvent(_nextAgentNanos, _events.NextAgentEvent());
                _nextAgentNanos += _agentIntervalNanos;
            }

            while (nowNanos >= _nextDebugNanos)
            {
                WriteDebugEvent(_nextDebugNanos, _events.NextDebugEvent());
                _nextDebugNanos += _debugIntervalNanos;
            }

            if (_rate <= 0)
            {
                return;
            }

            var due = (long)Math.Floor((nowNanos - _baseNanos) * _rate / NanosPerSecond);
            if (due <= _producedSinceBase)
            {
                return;
            }

            // After a long stall, flows older than a ring's worth would be overwritten at once: skip them.
            _producedSinceBase = Math.Max(_producedSinceBase, due - Flows.Capacity);
            var size = (int)(due - _producedSinceBase);
            EnsureBatch(size);
            var spacing = Spacing(_rate);
            for (var i = 0; i < size; i++)
            {
                var k = _producedSinceBase + 1 + i;
                var slot = _baseNanos + (long)(k * (NanosPerSecond / _rate));
                _batch[i] = Respond(_flows.Next(NextFlowTime(slot, spacing), out _batchTimes[i]));
            }

            _producedSinceBase = due;
            Flows.WriteBatch(_batchTimes.AsSpan(0, size), _batch.AsSpan(0, size));
            Interlocked.Add(ref _flowsProduced, size);
            Array.Clear(_batch, 0, size);
        }
    }

    /// <summary>Writes <paramref name="count"/> flows right now, whatever the rate or pause (for tests and demos).</summary>
    public void Produce(int count, long nowNanos)
    {
        lock (_lock)
        {
            EnsureBatch(count);
            for (var i = 0; i < count; i++)
            {
                // Strictly increasing even when several land on the same clock reading.
                _lastFlowNanos = Math.Max(NodeNanos(nowNanos), _lastFlowNanos + 1);
                _batch[i] = Respond(_flows.Next(_lastFlowNanos, out _batchTimes[i]));
            }

            Flows.WriteBatch(_batchTimes.AsSpan(0, count), _batch.AsSpan(0, count));
            Interlocked.Add(ref _flowsProduced, count);
            Array.Clear(_batch, 0, count);
        }
    }

    public void Pause()
    {
        lock (_lock)
        {
            _paused = true;
        }
    }

    public void Resume(long nowNanos)
    {
        lock (_lock)
        {
            if (_paused)
            {
                _paused = false;
                Rebase(nowNanos);
            }
        }
    }

    public void SetRate(double rate, long nowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        lock (_lock)
        {
            _rate = rate;
            Rebase(nowNanos);
        }
    }

    private static long Spacing(double rate) => rate > 0 ? (long)(NanosPerSecond / rate) : NanosPerSecond / 10;

    private void Rebase(long nowNanos)
    {
        _baseNanos = nowNanos;
        _producedSinceBase = 0;
        _nextAgentNanos = nowNanos + _agentIntervalNanos;
        _nextDebugNanos = nowNanos + _debugIntervalNanos;
    }

    /// <summary>A flow's time: its slot on the schedule, up to half a spacing earlier, on the node's clock, never before the previous flow.</summary>
    private long NextFlowTime(long slotNanos, long spacing)
    {
        var time = NodeNanos(slotNanos - (long)(_jitter.NextDouble() * spacing / 2));
        time = Math.Max(time, _lastFlowNanos + 1);
        _lastFlowNanos = time;
        return time;
    }

    private GetFlowsResponse Respond(Hubble.Flow.Flow flow) =>
        new() { Flow = flow, NodeName = _nodeName, Time = flow.Time };

    private void WriteAgentEvent(long fleetNanos, Hubble.Flow.AgentEvent agentEvent)
    {
        var nanos = NodeNanos(fleetNanos);
        AgentEvents.Write(nanos, new GetAgentEventsResponse { AgentEvent = agentEvent, NodeName = _nodeName, Time = FlowGenerator.ToTimestamp(nanos) });
    }

    private void WriteDebugEvent(long fleetNanos, Hubble.Flow.DebugEvent debugEvent)
    {
        var nanos = NodeNanos(fleetNanos);
        DebugEvents.Write(nanos, new GetDebugEventsResponse { DebugEvent = debugEvent, NodeName = _nodeName, Time = FlowGenerator.ToTimestamp(nanos) });
    }

    private void EnsureBatch(int size)
    {
        if (_batch.Length < size)
        {
            var length = Math.Max(size, _batch.Length * 2);
            _batch = new GetFlowsResponse[length];
            _batchTimes = new long[length];
        }
    }
}

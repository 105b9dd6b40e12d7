using Relay.Streams.Wire;

namespace Relay.Streams.Query;

/// <summary>
/// Remembers where one node's part of a follow query stands — the time of the last flow received from it and
/// the flows received at exactly that time — so that when the node returns, the query asks it for flows
/// <c>since</c> that time and drops the ones it already has: no gap, no replay.
/// Thread-safe: the node's stream writes it, the query's re-attach logic reads it.
/// </summary>
public sealed class NodeResumePoint
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _atLastTime = [];
    private long? _lastTime;

    /// <summary>Time of the last flow received from the node (Unix ns), or null when none was.</summary>
    public long? LastTime
    {
        get
        {
            lock (_gate)
            {
                return _lastTime;
            }
        }
    }

    /// <summary>Records a response received from the node.</summary>
    public void Observe(RawFlowResponse response)
    {
        if (response.TimeNanos is not { } time || response.Kind != ResponseKind.Flow)
        {
            return;
        }

        lock (_gate)
        {
            if (_lastTime is null || time > _lastTime)
            {
                _lastTime = time;
                _atLastTime.Clear();
                _atLastTime.Add(response.Payload);
            }
            else if (time == _lastTime)
            {
                _atLastTime.Add(response.Payload);
            }
        }
    }

    /// <summary>
    /// True when a response from a resumed stream was already received before: older than the resume point,
    /// or at the resume point and byte-identical to one received then.
    /// </summary>
    public bool IsAlreadySeen(RawFlowResponse response)
    {
        if (response.TimeNanos is not { } time || response.Kind != ResponseKind.Flow)
        {
            return false;
        }

        lock (_gate)
        {
            if (_lastTime is not { } last || time > last)
            {
                return false;
            }

            return time < last || _atLastTime.Exists(seen => seen.AsSpan().SequenceEqual(response.Payload));
        }
    }
}

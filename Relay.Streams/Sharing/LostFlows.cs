using Google.Protobuf;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Streams.Time;
using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// What one follower missed since it was last told: how many flows and the time range they covered. Node
/// <c>lost_events</c> dropped with them add their own counts.
/// </summary>
internal struct LostFlows
{
    private ulong _count;
    private long? _first;
    private long? _last;

    public readonly bool Any => _count > 0;

    public void Add(RawFlowResponse response)
    {
        switch (response.Kind)
        {
            case ResponseKind.Flow:
                _count++;
                if (response.TimeNanos is { } time)
                {
                    _first = _first is { } first ? Math.Min(first, time) : time;
                    _last = _last is { } last ? Math.Max(last, time) : time;
                }

                break;
            case ResponseKind.LostEvents:
                _count += GetFlowsResponse.Parser.ParseFrom(response.Payload).LostEvents.NumEventsLost;
                break;
        }
    }

    /// <summary>
    /// The <c>lost_events</c> response the follower receives: source <c>HUBBLE_RING_BUFFER</c> as a node reports
    /// its own ring overrunning, first/last the oldest and newest dropped flow's time, stamped with the newest.
    /// </summary>
    public readonly RawFlowResponse ToResponse(string node)
    {
        var lost = new LostEvent { Source = LostEventSource.HubbleRingBuffer, NumEventsLost = _count };
        var response = new GetFlowsResponse { LostEvents = lost, NodeName = node };
        if (_first is { } first && _last is { } last)
        {
            lost.First = UnixNanos.ToTimestamp(first);
            lost.Last = UnixNanos.ToTimestamp(last);
            response.Time = UnixNanos.ToTimestamp(last);
        }

        return RawFlowResponse.Parse(response.ToByteArray());
    }
}

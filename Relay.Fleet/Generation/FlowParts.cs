using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// Immutable-by-convention pieces shared by many flows (a flow in a ring is never mutated),
/// which keeps a full ring small and generation cheap.
/// </summary>
internal static class FlowParts
{
    /// <summary>Cilium monitor message types, as carried in <c>event_type.type</c>.</summary>
    public const int MessageTypeDrop = 1;
    public const int MessageTypeTrace = 4;
    public const int MessageTypePolicyVerdict = 5;
    public const int MessageTypeAccessLog = 129;

    /// <summary>Policy match type "L3-L4" of a policy-verdict event.</summary>
    public const uint PolicyMatchL3L4 = 2;

    public static readonly Emitter Emitter = new() { Name = "Hubble", Version = FleetDefaults.Version };

    public static readonly TCPFlags Syn = new() { SYN = true };
    public static readonly TCPFlags SynAck = new() { SYN = true, ACK = true };
    public static readonly TCPFlags Ack = new() { ACK = true };
    public static readonly TCPFlags PshAck = new() { PSH = true, ACK = true };
    public static readonly TCPFlags FinAck = new() { FIN = true, ACK = true };
    public static readonly TCPFlags RstAck = new() { RST = true, ACK = true };

    public static readonly CiliumEventType AccessLog = new() { Type = MessageTypeAccessLog };
    public static readonly CiliumEventType PolicyVerdict = new() { Type = MessageTypePolicyVerdict };

    private static readonly CiliumEventType[] TraceTypes = Enumerable.Range(0, 12)
        .Select(sub => new CiliumEventType { Type = MessageTypeTrace, SubType = sub })
        .ToArray();

    private static readonly Dictionary<DropReason, CiliumEventType> DropTypes = new();

    /// <summary>The trace event type for an observation point (sub-type 0 is "to-endpoint").</summary>
    public static CiliumEventType Trace(TraceObservationPoint point) =>
        TraceTypes[point == TraceObservationPoint.ToEndpoint ? 0 : (int)point];

    /// <summary>The drop event type, whose sub-type is the drop reason.</summary>
    public static CiliumEventType Drop(DropReason reason)
    {
        lock (DropTypes)
        {
            if (!DropTypes.TryGetValue(reason, out var type))
            {
                type = new CiliumEventType { Type = MessageTypeDrop, SubType = (int)reason };
                DropTypes[reason] = type;
            }

            return type;
        }
    }
}

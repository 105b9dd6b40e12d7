using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>The packet sequences of TCP connections: handshake, data, teardown, refusals and policy drops.</summary>
internal static class TcpScripts
{
    /// <summary>SYN, SYN-ACK, ACK (with a policy verdict for the first SYN when a policy applies).</summary>
    public static void Handshake(FlowFactory f, Leg leg, List<Flow> flows, Policy? policy, Verdict verdict = Verdict.Forwarded)
    {
        if (policy is not null || verdict == Verdict.Audit)
        {
            flows.Add(f.PolicyVerdict(leg, verdict, policy));
        }

        flows.Add(f.Tcp(leg, reply: false, FlowParts.Syn, TraceReason.New));
        flows.Add(f.Tcp(leg, reply: true, FlowParts.SynAck, TraceReason.Reply));
        flows.Add(f.Tcp(leg, reply: false, FlowParts.Ack, TraceReason.Established));
    }

    /// <summary>One request and one response segment.</summary>
    public static void Exchange(FlowFactory f, Leg leg, List<Flow> flows)
    {
        flows.Add(f.Tcp(leg, reply: false, FlowParts.PshAck, TraceReason.Established));
        flows.Add(f.Tcp(leg, reply: true, FlowParts.PshAck, TraceReason.Reply));
    }

    /// <summary>FIN-ACK both ways and the final ACK.</summary>
    public static void Teardown(FlowFactory f, Leg leg, List<Flow> flows)
    {
        flows.Add(f.Tcp(leg, reply: false, FlowParts.FinAck, TraceReason.Established));
        flows.Add(f.Tcp(leg, reply: true, FlowParts.FinAck, TraceReason.Reply));
        flows.Add(f.Tcp(leg, reply: false, FlowParts.Ack, TraceReason.Established));
    }

    /// <summary>A whole opaque session (database, TLS): handshake, a few exchanges, teardown.</summary>
    public static void Session(FlowFactory f, Leg leg, List<Flow> flows, Random random, Policy? policy, Verdict verdict = Verdict.Forwarded)
    {
        Handshake(f, leg, flows, policy, verdict);
        var exchanges = random.Next(1, 4);
        for (var i = 0; i < exchanges; i++)
        {
            Exchange(f, leg, flows);
        }

        Teardown(f, leg, flows);
    }

    /// <summary>A connection to a closed port: SYN answered by RST-ACK.</summary>
    public static void Refused(FlowFactory f, Leg leg, List<Flow> flows)
    {
        flows.Add(f.Tcp(leg, reply: false, FlowParts.Syn, TraceReason.New));
        flows.Add(f.Tcp(leg, reply: true, FlowParts.RstAck, TraceReason.Reply));
    }

    /// <summary>A SYN dropped by policy (or another datapath reason), retried as clients do.</summary>
    public static void Denied(FlowFactory f, Leg leg, List<Flow> flows, Random random, Policy? deniedBy)
    {
        var reason = random.Next(20) switch
        {
            0 => DropReason.StaleOrUnroutableIp,
            1 => DropReason.CtMapInsertionFailed,
            _ => DropReason.PolicyDenied,
        };
        var attempts = random.Next(1, 4);
        for (var i = 0; i < attempts; i++)
        {
            flows.Add(f.Dropped(leg, FlowParts.Syn, reason, reason == DropReason.PolicyDenied ? deniedBy : null));
        }
    }
}

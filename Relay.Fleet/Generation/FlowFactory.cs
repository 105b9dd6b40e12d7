using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// Builds the flows of one node (without time and uuid, which are stamped when a flow is produced):
/// trace events for forwarded packets, drops, policy verdicts and L7 access-log records.
/// </summary>
internal sealed class FlowFactory(string nodeName, IReadOnlyList<string> nodeLabels)
{
    /// <summary>A forwarded TCP packet, observed where <paramref name="leg"/> says.</summary>
    public Flow Tcp(Leg leg, bool reply, TCPFlags flags, TraceReason reason, Verdict verdict = Verdict.Forwarded)
    {
        var flow = Packet(leg, reply, verdict);
        flow.L4 = TcpLayer(leg, reply, flags);
        Traced(flow, leg, reply, reason);
        return flow;
    }

    /// <summary>A forwarded UDP packet.</summary>
    public Flow Udp(Leg leg, bool reply, TraceReason reason)
    {
        var flow = Packet(leg, reply, Verdict.Forwarded);
        flow.L4 = new Layer4 { UDP = reply ? new UDP { SourcePort = leg.ServerPort, DestinationPort = leg.ClientPort } : new UDP { SourcePort = leg.ClientPort, DestinationPort = leg.ServerPort } };
        Traced(flow, leg, reply, reason);
        return flow;
    }

    /// <summary>A forwarded ICMP echo request or reply (v4 or v6 after the leg's addresses).</summary>
    public Flow IcmpEcho(Leg leg, bool reply)
    {
        var flow = Packet(leg, reply, Verdict.Forwarded);
        flow.L4 = leg.Forward.IpVersion == IPVersion.Ipv6
            ? new Layer4 { ICMPv6 = new ICMPv6 { Type = reply ? 129u : 128u } }
            : new Layer4 { ICMPv4 = new ICMPv4 { Type = reply ? 0u : 8u } };
        Traced(flow, leg, reply, reply ? TraceReason.Reply : TraceReason.New);
        return flow;
    }

    /// <summary>A request packet dropped by the datapath, with its drop reason.</summary>
    public Flow Dropped(Leg leg, TCPFlags flags, DropReason reason, Policy? deniedBy)
    {
        var flow = Packet(leg, reply: false, Verdict.Dropped);
        flow.L4 = TcpLayer(leg, reply: false, flags);
        flow.DropReasonDesc = reason;
#pragma warning disable CS0612 // real nodes still fill the deprecated numeric field
        flow.DropReason = (uint)reason;
#pragma warning restore CS0612
        flow.EventType = FlowParts.Drop(reason);
        if (deniedBy is not null)
        {
            (leg.Direction == TrafficDirection.Egress ? flow.EgressDeniedBy : flow.IngressDeniedBy).Add(deniedBy);
        }

        return flow;
    }

    /// <summary>A policy-verdict event for the first packet of a connection (FORWARDED or AUDIT).</summary>
    public Flow PolicyVerdict(Leg leg, Verdict verdict, Policy? allowedBy)
    {
        var flow = Packet(leg, reply: false, verdict);
        flow.L4 = TcpLayer(leg, reply: false, FlowParts.Syn);
        flow.EventType = FlowParts.PolicyVerdict;
        flow.PolicyMatchType = FlowParts.PolicyMatchL3L4;
        if (allowedBy is not null)
        {
            (leg.Direction == TrafficDirection.Egress ? flow.EgressAllowedBy : flow.IngressAllowedBy).Add(allowedBy);
        }

        return flow;
    }

    /// <summary>An L7 access-log record (HTTP or DNS) from the node's proxy.</summary>
    public Flow L7(Leg leg, bool reply, Layer7 layer7, bool udp)
    {
        var flow = Packet(leg, reply, Verdict.Forwarded);
        flow.Type = FlowType.L7;
        flow.EventType = FlowParts.AccessLog;
        flow.Ethernet = null;
        flow.L4 = udp
            ? new Layer4 { UDP = reply ? new UDP { SourcePort = leg.ServerPort, DestinationPort = leg.ClientPort } : new UDP { SourcePort = leg.ClientPort, DestinationPort = leg.ServerPort } }
            : TcpLayer(leg, reply, null);
        flow.L7 = layer7;
        return flow;
    }

    private Flow Packet(Leg leg, bool reply, Verdict verdict)
    {
        var flow = new Flow
        {
            Emitter = FlowParts.Emitter,
            Verdict = verdict,
            Ethernet = reply ? leg.ReverseEthernet : leg.ForwardEthernet,
            IP = reply ? leg.Reverse : leg.Forward,
            Source = reply ? leg.Server.Endpoint : leg.Client.Endpoint,
            Destination = reply ? leg.Client.Endpoint : leg.Server.Endpoint,
            Type = FlowType.L3L4,
            NodeName = nodeName,
            TrafficDirection = leg.Direction,
            IsReply = reply,
        };
#pragma warning disable CS0612 // real nodes still fill the deprecated boolean
        flow.Reply = reply;
#pragma warning restore CS0612
        flow.NodeLabels.Add(nodeLabels);
        var from = reply ? leg.Server : leg.Client;
        var to = reply ? leg.Client : leg.Server;
        if (from.Fqdn is not null)
        {
            flow.SourceNames.Add(from.Fqdn);
        }

        if (to.Fqdn is not null)
        {
            flow.DestinationNames.Add(to.Fqdn);
        }

        if (reply)
        {
            flow.SourceService = leg.Server.Service;
        }
        else
        {
            flow.DestinationService = leg.Server.Service;
        }

        return flow;
    }

    private static void Traced(Flow flow, Leg leg, bool reply, TraceReason reason)
    {
        var point = reply ? leg.ReplyPoint : leg.RequestPoint;
        flow.TraceObservationPoint = point;
        flow.TraceReason = reason;
        flow.EventType = FlowParts.Trace(point);
    }

    private static Layer4 TcpLayer(Leg leg, bool reply, TCPFlags? flags)
    {
        var tcp = reply
            ? new TCP { SourcePort = leg.ServerPort, DestinationPort = leg.ClientPort, Flags = flags }
            : new TCP { SourcePort = leg.ClientPort, DestinationPort = leg.ServerPort, Flags = flags };
        return new Layer4 { TCP = tcp };
    }
}

using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;

namespace Relay.Protos.Tests.Golden;

/// <summary>
/// A small hand-built Flow whose encoding is committed as fixture/flow-golden.hex. The values touch low,
/// high and multi-byte field numbers, a wrapper, an enum, a repeated field and a oneof, so renumbering
/// any of them changes what the committed bytes decode to.
/// </summary>
internal static class GoldenFlow
{
    public const string ResourceName = "flow-golden.hex";

    public static Flow Build() => new()
    {
        Time = new Timestamp { Seconds = 1_700_000_000, Nanos = 123_456_789 },
        Uuid = "6a1e3f4c-0000-4000-8000-000000000001",
        Verdict = Verdict.Dropped,
        DropReasonDesc = DropReason.PolicyDenied,
        IP = new IP { Source = "10.0.0.1", Destination = "10.0.0.2", IpVersion = IPVersion.Ipv4 },
        L4 = new Layer4 { TCP = new TCP { SourcePort = 43210, DestinationPort = 80, Flags = new TCPFlags { SYN = true } } },
        Source = new Endpoint { ID = 7, Identity = 12345, Namespace = "default", PodName = "client", Labels = { "k8s:app=client" } },
        Destination = new Endpoint { Identity = 2, Labels = { "reserved:world" } },
        Type = FlowType.L3L4,
        NodeName = "kind/worker-1",
        NodeLabels = { "zone=a" },
        IsReply = false,
        TrafficDirection = TrafficDirection.Egress,
        EventType = new CiliumEventType { Type = 5, SubType = 3 },
        TraceObservationPoint = TraceObservationPoint.ToEndpoint,
        ProxyPort = 15001,
        EgressDeniedBy = { new Policy { Name = "deny-all", Namespace = "default", Revision = 9 } },
    };

    /// <summary>Hex text as committed: '#' comment lines, then lowercase hex split over lines.</summary>
    public static string RenderHex(byte[] bytes)
    {
        var hex = Convert.ToHexStringLower(bytes);
        var text = new System.Text.StringBuilder();
        text.Append("# flow.Flow built by Golden/GoldenFlow.cs, encoded by Relay.Protos; see fixture/generate.sh.\n");
        for (var i = 0; i < hex.Length; i += 64)
        {
            text.Append(hex, i, Math.Min(64, hex.Length - i)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Bytes of the committed golden hex.</summary>
    public static byte[] LoadCommitted()
    {
        var hex = string.Concat(
            EmbeddedText.Read(ResourceName)
                .Split('\n')
                .Where(line => !line.StartsWith('#'))
                .Select(line => line.Trim()));
        return Convert.FromHexString(hex);
    }
}

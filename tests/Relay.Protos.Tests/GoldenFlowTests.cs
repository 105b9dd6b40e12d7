using Google.Protobuf;
using Hubble.Flow;
using Relay.Protos.Tests.Golden;

namespace Relay.Protos.Tests;

/// <summary>Bytes committed in fixture/flow-golden.hex keep decoding to the same Flow.</summary>
public sealed class GoldenFlowTests
{
    [Fact]
    public void CommittedGolden_ParsedWithOurCode_EqualsHandBuiltFlow()
    {
        var parsed = Flow.Parser.ParseFrom(GoldenFlow.LoadCommitted());

        Assert.Equal(GoldenFlow.Build(), parsed);
    }

    [Fact]
    public void CommittedGolden_ParsedWithOurCode_HasExpectedValues()
    {
        var parsed = Flow.Parser.ParseFrom(GoldenFlow.LoadCommitted());

        Assert.Equal(1_700_000_000, parsed.Time.Seconds);
        Assert.Equal(123_456_789, parsed.Time.Nanos);
        Assert.Equal(Verdict.Dropped, parsed.Verdict);
        Assert.Equal(DropReason.PolicyDenied, parsed.DropReasonDesc);
        Assert.Equal("10.0.0.2", parsed.IP.Destination);
        Assert.Equal(IPVersion.Ipv4, parsed.IP.IpVersion);
        Assert.Equal(Layer4.ProtocolOneofCase.TCP, parsed.L4.ProtocolCase);
        Assert.Equal(80U, parsed.L4.TCP.DestinationPort);
        Assert.True(parsed.L4.TCP.Flags.SYN);
        Assert.Equal(["k8s:app=client"], parsed.Source.Labels);
        Assert.Equal(12345U, parsed.Source.Identity);
        Assert.Equal(FlowType.L3L4, parsed.Type);
        Assert.Equal("kind/worker-1", parsed.NodeName);
        Assert.Equal(["zone=a"], parsed.NodeLabels);
        Assert.NotNull(parsed.IsReply); // present and false, not absent
        Assert.False(parsed.IsReply.Value);
        Assert.Equal(TrafficDirection.Egress, parsed.TrafficDirection);
        Assert.Equal(3, parsed.EventType.SubType);
        Assert.Equal(TraceObservationPoint.ToEndpoint, parsed.TraceObservationPoint);
        Assert.Equal(15001U, parsed.ProxyPort);
        Assert.Equal(9UL, Assert.Single(parsed.EgressDeniedBy).Revision);
    }

    [Fact]
    public void HandBuiltFlow_SerializedWithOurCode_MatchesCommittedBytes()
    {
        Assert.Equal(Convert.ToHexStringLower(GoldenFlow.LoadCommitted()), Convert.ToHexStringLower(GoldenFlow.Build().ToByteArray()));
    }
}

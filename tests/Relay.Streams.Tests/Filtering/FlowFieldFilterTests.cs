using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class FlowFieldFilterTests
{
    [Fact]
    public void DropReasonDesc_MatchesDroppedFlowsWithThatReason()
    {
        var filter = Filter(f => f.DropReasonDesc.Add(DropReason.PolicyDenied));

        Assert.True(Passes(filter, new Flow { Verdict = Verdict.Dropped, DropReasonDesc = DropReason.PolicyDenied }));
        Assert.False(Passes(filter, new Flow { Verdict = Verdict.Dropped, DropReasonDesc = DropReason.CtMapInsertionFailed }));
        Assert.False(Passes(filter, new Flow { Verdict = Verdict.Forwarded, DropReasonDesc = DropReason.PolicyDenied }));
    }

    [Fact]
    public void TrafficDirection_MatchesDirection()
    {
        var filter = Filter(f => f.TrafficDirection.Add(TrafficDirection.Ingress));

        Assert.True(Passes(filter, new Flow { TrafficDirection = TrafficDirection.Ingress }));
        Assert.False(Passes(filter, new Flow { TrafficDirection = TrafficDirection.Egress }));
    }

    [Fact]
    public void IpVersion_MatchesVersion_FlowWithoutIpIsNotUsed()
    {
        Assert.True(Passes(Filter(f => f.IpVersion.Add(IPVersion.Ipv6)), new Flow { IP = new IP { IpVersion = IPVersion.Ipv6 } }));
        Assert.False(Passes(Filter(f => f.IpVersion.Add(IPVersion.Ipv6)), new Flow { IP = new IP { IpVersion = IPVersion.Ipv4 } }));
        Assert.True(Passes(Filter(f => f.IpVersion.Add(IPVersion.IpNotUsed)), new Flow()));
    }

    [Fact]
    public void Encrypted_MatchesIpEncryptedFlag()
    {
        Assert.True(Passes(Filter(f => f.Encrypted.Add(true)), new Flow { IP = new IP { Encrypted = true } }));
        Assert.False(Passes(Filter(f => f.Encrypted.Add(true)), new Flow { IP = new IP() }));
        Assert.True(Passes(Filter(f => f.Encrypted.Add(false)), new Flow()));
    }

    [Theory]
    [InlineData(true, true, Verdict.Forwarded, true)]
    [InlineData(true, false, Verdict.Forwarded, false)]
    [InlineData(false, false, Verdict.Forwarded, true)]
    [InlineData(false, null, Verdict.Forwarded, false)]
    [InlineData(true, null, Verdict.Forwarded, false)]
    [InlineData(false, null, Verdict.Dropped, true)]
    [InlineData(true, null, Verdict.Dropped, false)]
    public void Reply_MatchesIsReply_UnknownCountsAsNoReplyOnlyWhenDropped(bool wanted, bool? isReply, Verdict verdict, bool expected)
    {
        var flow = new Flow { Verdict = verdict, IsReply = isReply };

        Assert.Equal(expected, Passes(Filter(f => f.Reply.Add(wanted)), flow));
    }

    [Theory]
    [InlineData(4, false, 0, true)]
    [InlineData(0, false, 0, true)]
    [InlineData(1, false, 0, false)]
    [InlineData(4, true, 3, true)]
    [InlineData(4, true, 2, false)]
    [InlineData(0, true, 3, true)]
    public void EventType_TypeAndOptionalSubType(int type, bool matchSubType, int subType, bool expected)
    {
        var filter = Filter(f => f.EventType.Add(new EventTypeFilter { Type = type, MatchSubType = matchSubType, SubType = subType }));
        var flow = new Flow { EventType = new CiliumEventType { Type = 4, SubType = 3 } };

        Assert.Equal(expected, Passes(filter, flow));
    }

    [Fact]
    public void EventType_FlowWithoutEventType_DoesNotMatch()
    {
        Assert.False(Passes(Filter(f => f.EventType.Add(new EventTypeFilter())), new Flow()));
    }

    [Fact]
    public void SourceAndDestinationIdentity_MatchTheirEndpoint()
    {
        var flow = new Flow { Source = new Endpoint { Identity = 42 }, Destination = new Endpoint { Identity = 7 } };

        Assert.True(Passes(Filter(f => f.SourceIdentity.Add([1, 42])), flow));
        Assert.False(Passes(Filter(f => f.SourceIdentity.Add(7)), flow));
        Assert.True(Passes(Filter(f => f.DestinationIdentity.Add(7)), flow));
        Assert.False(Passes(Filter(f => f.DestinationIdentity.Add(42)), flow));
        Assert.False(Passes(Filter(f => f.SourceIdentity.Add(0)), new Flow()));
    }

    [Fact]
    public void Uuid_MatchesFlowUuid()
    {
        var filter = Filter(f => f.Uuid.Add("1f8a"));

        Assert.True(Passes(filter, new Flow { Uuid = "1f8a" }));
        Assert.False(Passes(filter, new Flow { Uuid = "2b9c" }));
    }

    [Fact]
    public void TraceId_MatchesTraceParent()
    {
        var filter = Filter(f => f.TraceId.Add("4bf92f3577b34da6"));
        var traced = new Flow { TraceContext = new TraceContext { Parent = new TraceParent { TraceId = "4bf92f3577b34da6" } } };

        Assert.True(Passes(filter, traced));
        Assert.False(Passes(filter, new Flow()));
    }

    [Fact]
    public void IpTraceId_MatchesFlowsCarryingIt()
    {
        var filter = Filter(f => f.IpTraceId.Add(99));

        Assert.True(Passes(filter, new Flow { IpTraceId = new IPTraceID { TraceId = 99 } }));
        Assert.False(Passes(filter, new Flow { IpTraceId = new IPTraceID { TraceId = 98 } }));
        Assert.False(Passes(Filter(f => f.IpTraceId.Add(0)), new Flow()));
    }

    [Fact]
    public void ClusterName_MatchesSourceOrDestinationCluster()
    {
        var flow = new Flow { Source = new Endpoint { ClusterName = "east" }, Destination = new Endpoint { ClusterName = "west" } };

        Assert.True(Passes(Filter(f => f.SourceClusterName.Add("east")), flow));
        Assert.False(Passes(Filter(f => f.SourceClusterName.Add("west")), flow));
        Assert.True(Passes(Filter(f => f.DestinationClusterName.Add("west")), flow));
        Assert.False(Passes(Filter(f => f.DestinationClusterName.Add("east")), flow));
    }

    [Theory]
    [InlineData("source_cluster_name")]
    [InlineData("destination_cluster_name")]
    public void ClusterName_Empty_IsRejectedWithItsFieldName(string field)
    {
        var filter = Filter(f => (field == "source_cluster_name" ? f.SourceClusterName : f.DestinationClusterName).Add(string.Empty));

        Assert.Equal(field, Rejects(filter).Field);
    }

    [Theory]
    [InlineData("web", "Deployment", true)]
    [InlineData("web", "", true)]
    [InlineData("", "Deployment", true)]
    [InlineData("web", "StatefulSet", false)]
    [InlineData("db", "", false)]
    public void SourceWorkload_NameAndKind_EmptyMatchesAny(string name, string kind, bool expected)
    {
        var flow = new Flow { Source = new Endpoint { Workloads = { new Workload { Name = "web", Kind = "Deployment" } } } };

        Assert.Equal(expected, Passes(Filter(f => f.SourceWorkload.Add(new Workload { Name = name, Kind = kind })), flow));
    }

    [Fact]
    public void DestinationWorkload_LooksAtDestinationOnly()
    {
        var filter = Filter(f => f.DestinationWorkload.Add(new Workload { Name = "db" }));

        Assert.True(Passes(filter, new Flow { Destination = new Endpoint { Workloads = { new Workload { Name = "db" } } } }));
        Assert.False(Passes(filter, new Flow { Source = new Endpoint { Workloads = { new Workload { Name = "db" } } } }));
    }

    [Theory]
    [InlineData(3u, "eth0", true)]
    [InlineData(0u, "eth0", true)]
    [InlineData(3u, "", true)]
    [InlineData(4u, "eth0", false)]
    [InlineData(3u, "eth1", false)]
    public void Interface_IndexAndName_ZeroOrEmptyMatchesAny(uint index, string name, bool expected)
    {
        var flow = new Flow { Interface = new NetworkInterface { Index = 3, Name = "eth0" } };

        Assert.Equal(expected, Passes(Filter(f => f.Interface.Add(new NetworkInterface { Index = index, Name = name })), flow));
        Assert.False(Passes(Filter(f => f.Interface.Add(new NetworkInterface { Index = index, Name = name })), new Flow()));
    }
}

using Hubble.Flow;
using Relay.Streams.Filtering;

namespace Relay.Streams.Tests.Filtering;

public sealed class MatcherAllocationTests
{
    private static readonly Flow Flow = new()
    {
        Verdict = Verdict.Forwarded,
        NodeName = "k8s1",
        NodeLabels = { "kubernetes.io/hostname=k8s1" },
        Uuid = "u-1",
        TrafficDirection = TrafficDirection.Egress,
        IsReply = false,
        EventType = new CiliumEventType { Type = 129 },
        IP = new IP { Source = "10.0.1.5", Destination = "2001:db8::7", IpVersion = IPVersion.Ipv4 },
        L4 = new Layer4
        {
            TCP = new TCP { SourcePort = 40000, DestinationPort = 80, Flags = new TCPFlags { SYN = true, ACK = true } },
        },
        L7 = new Layer7
        {
            Http = new HTTP
            {
                Code = 200,
                Method = "GET",
                Url = "http://web.default:80/api/v1/items%20all?x=1",
                Headers = { new HTTPHeader { Key = "x-tenant", Value = "blue" } },
            },
        },
        Source = new Endpoint
        {
            Namespace = "default",
            PodName = "client-7d9f",
            Identity = 1234,
            ClusterName = "east",
            Labels = { "k8s:app=client", "k8s:io.kubernetes.pod.namespace=default", "reserved:init" },
            Workloads = { new Workload { Name = "client", Kind = "Deployment" } },
        },
        Destination = new Endpoint { Namespace = "default", PodName = "web-1", Labels = { "k8s:app=web" } },
        DestinationService = new Service { Namespace = "default", Name = "web" },
        DestinationNames = { "web.default.svc.cluster.local" },
    };

    private static readonly FlowFilter Everything = new()
    {
        Verdict = { Verdict.Forwarded },
        TrafficDirection = { TrafficDirection.Egress },
        Reply = { false },
        EventType = { new EventTypeFilter { Type = 129 } },
        SourceIdentity = { 1234 },
        Protocol = { "tcp" },
        SourcePort = { "40000" },
        DestinationPort = { "80" },
        TcpFlags = { new TCPFlags { SYN = true } },
        Uuid = { "u-1" },
        SourceClusterName = { "east" },
        SourcePod = { "default/client" },
        DestinationService = { "web" },
        SourceWorkload = { new Workload { Kind = "Deployment" } },
        SourceIp = { "10.0.0.0/16" },
        DestinationIp = { "2001:db8::/32" },
        HttpStatusCode = { "2+" },
        HttpMethod = { "get" },
        HttpHeader = { new HTTPHeader { Key = "x-tenant", Value = "blue" } },
        HttpPath = { "^/api/v1/items all$" },
        HttpUrl = { "x=1$" },
        DestinationFqdn = { "*.svc.cluster.local" },
        NodeName = { "default/k8s*" },
        SourceLabel = { "app in (client, cli), !canary, io.kubernetes.pod.namespace=default" },
        DestinationLabel = { "k8s:app=web" },
        NodeLabels = { "kubernetes.io/hostname" },
    };

    [Fact]
    public void Matches_EveryFamily_DoesNotAllocatePerFlow()
    {
        var matcher = FlowFilterMatcher.Compile([Everything], [new FlowFilter { Verdict = { Verdict.Dropped } }]);
        WarmUp(matcher);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var passed = 0;
        for (var i = 0; i < 1000; i++)
        {
            passed += matcher.Matches(Flow) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, passed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Matches_RejectingFlow_DoesNotAllocate()
    {
        var whitelist = new[] { new FlowFilter { SourceLabel = { "app=other" } }, new FlowFilter { NodeName = { "east/*" } } };
        var matcher = FlowFilterMatcher.Compile(whitelist, []);
        WarmUp(matcher);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var passed = 0;
        for (var i = 0; i < 1000; i++)
        {
            passed += matcher.Matches(Flow) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, passed);
        Assert.Equal(0, allocated);
    }

    // The first matches build lazy state (e.g. the regex engine's automaton); per-flow cost is what follows.
    private static void WarmUp(FlowFilterMatcher matcher)
    {
        for (var i = 0; i < 10; i++)
        {
            matcher.Matches(Flow);
        }
    }
}

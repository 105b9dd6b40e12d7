using Google.Protobuf;
using Hubble.Flow;
using Relay.Fleet.Generation;

namespace Relay.Fleet.Tests.Generation;

public sealed class FlowGeneratorTests
{
    private const long Start = 1_700_000_000_000_000_000;

    [Fact]
    public void Next_SameSeedAndNode_GivesTheSameFlows()
    {
        var first = Generate(seed: 7, node: 2, count: 500);
        var second = Generate(seed: 7, node: 2, count: 500);

        Assert.Equal(first.Select(f => f.ToByteString()), second.Select(f => f.ToByteString()));
    }

    [Fact]
    public void Next_OtherSeedOrNode_GivesOtherFlows()
    {
        var reference = Generate(seed: 7, node: 2, count: 50).Select(f => f.Uuid).ToHashSet();

        Assert.DoesNotContain(Generate(seed: 8, node: 2, count: 50), f => reference.Contains(f.Uuid));
        Assert.DoesNotContain(Generate(seed: 7, node: 3, count: 50), f => reference.Contains(f.Uuid));
    }

    [Fact]
    public void Next_StampsTheGivenTimeAndUniqueUuids()
    {
        var flows = Generate(seed: 1, node: 0, count: 2000);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => Start + i * 1000L), flows.Select(f => f.Time.Seconds * 1_000_000_000 + f.Time.Nanos));
        Assert.Equal(2000, flows.Select(f => f.Uuid).Distinct().Count());
        Assert.All(flows, f => Assert.True(Guid.TryParse(f.Uuid, out _)));
    }

    [Fact]
    public void Next_CoversTheProtocolsAndVerdictsOfARealCluster()
    {
        var flows = Generate(seed: 1, node: 0, count: 5000);

        Assert.Contains(flows, f => f.L4?.TCP?.Flags is { SYN: true, ACK: false });
        Assert.Contains(flows, f => f.L4?.TCP?.Flags is { SYN: true, ACK: true });
        Assert.Contains(flows, f => f.L4?.TCP?.Flags is { FIN: true });
        Assert.Contains(flows, f => f.L4?.TCP?.Flags is { RST: true });
        Assert.Contains(flows, f => f.L4?.UDP is not null);
        Assert.Contains(flows, f => f.L4?.ICMPv4 is { Type: 8 });
        Assert.Contains(flows, f => f.L4?.ICMPv6 is { Type: 129 });
        Assert.Contains(flows, f => f.IP?.IpVersion == IPVersion.Ipv6);
        Assert.Contains(flows, f => f.L7?.Dns is { Rcode: 0, Ips.Count: > 0 } && f.L7.Type == L7FlowType.Response);
        Assert.Contains(flows, f => f.L7?.Dns is { Rcode: 3 });
        Assert.Contains(flows, f => f.L7?.Http is { Code: 200 } && f.L7.LatencyNs > 0);
        Assert.Contains(flows, f => f.L7?.Http is { Method: "GET", Code: 0 } && f.L7.Type == L7FlowType.Request);
        Assert.Contains(flows, f => f.Verdict == Verdict.Dropped && f.DropReasonDesc == DropReason.PolicyDenied && f.EventType.Type == 1);
        Assert.Contains(flows, f => f.Verdict == Verdict.Audit);
        Assert.Contains(flows, f => f.TrafficDirection == TrafficDirection.Ingress);
        Assert.Contains(flows, f => f.TrafficDirection == TrafficDirection.Egress);
        Assert.Contains(flows, f => f.IsReply == true);
        Assert.Contains(flows, f => f.DestinationService is { Name: "kube-dns", Namespace: "kube-system" });
        Assert.Contains(flows, f => f.DestinationNames.Contains("api.stripe.com"));
        Assert.True(flows.Count(f => f.Verdict == Verdict.Forwarded) > flows.Count / 2);
    }

    [Fact]
    public void Next_FillsTheFieldsEveryHubbleFlowHas()
    {
        var flows = Generate(seed: 3, node: 5, count: 1000);

        Assert.All(flows, f =>
        {
            Assert.Equal("node-05", f.NodeName);
            Assert.NotEqual(FlowType.UnknownType, f.Type);
            Assert.NotNull(f.EventType);
            Assert.NotNull(f.IP);
            Assert.NotNull(f.L4);
            Assert.NotNull(f.Source);
            Assert.NotNull(f.Destination);
            Assert.NotNull(f.IsReply);
            Assert.NotEqual(Verdict.Unknown, f.Verdict);
            Assert.Equal("Hubble", f.Emitter.Name);
        });
        Assert.All(flows.Where(f => f.Type == FlowType.L7), f => Assert.Equal(129, f.EventType.Type));
    }

    [Fact]
    public void Next_EveryFlowTouchesAnEndpointOfItsNode()
    {
        // Node 5's pods live in 10.0.5.0/24 and fd00:10:0:5::/64; its host is 172.18.0.7.
        var flows = Generate(seed: 3, node: 5, count: 1000);

        Assert.All(flows, f => Assert.True(
            IsLocal(f.IP.Source) || IsLocal(f.IP.Destination),
            $"{f.IP.Source} -> {f.IP.Destination} touches no endpoint of node 5"));

        static bool IsLocal(string ip) => ip.StartsWith("10.0.5.", StringComparison.Ordinal)
            || ip.StartsWith("fd00:10:0:5::", StringComparison.Ordinal)
            || ip is "172.18.0.7" or "fc00:f853:ccd:e793::7";
    }

    [Fact]
    public void Next_PodEndpointsCarryKubernetesMetadata()
    {
        var flows = Generate(seed: 1, node: 0, count: 500);
        var pods = flows.SelectMany(f => new[] { f.Source, f.Destination }).Where(e => e.PodName != string.Empty).ToList();

        Assert.NotEmpty(pods);
        Assert.All(pods, e =>
        {
            Assert.Contains(e.Labels, l => l.StartsWith("k8s:app=", StringComparison.Ordinal));
            Assert.Contains($"k8s:io.kubernetes.pod.namespace={e.Namespace}", e.Labels);
            Assert.True(e.Identity >= 10_000);
            Assert.NotEmpty(e.Workloads);
            Assert.Equal("default", e.ClusterName);
        });
        Assert.Contains(pods, e => e.ID > 0);
    }

    [Fact]
    public void Next_WithL7OutOfOrder_StampsSomeL7RecordsEarlier()
    {
        var model = new ClusterModel(1, "default");
        var generator = new FlowGenerator(model, 1, 0, 3, "node-00", [], l7OutOfOrder: true);
        var shifted = 0;
        for (var i = 0; i < 2000; i++)
        {
            var time = Start + i * 10_000_000L;
            generator.Next(time, out var stamped);
            shifted += stamped < time ? 1 : 0;
            Assert.True(time - stamped <= 5_000_000);
        }

        Assert.True(shifted > 0);
    }

    internal static List<Flow> Generate(int seed, int node, int count)
    {
        var model = new ClusterModel(seed, "default");
        var generator = new FlowGenerator(model, seed, node, knownNodes: 8, $"node-{node:D2}", ["kubernetes.io/os=linux"], l7OutOfOrder: false);
        return Enumerable.Range(0, count).Select(i => generator.Next(Start + i * 1000L)).ToList();
    }
}

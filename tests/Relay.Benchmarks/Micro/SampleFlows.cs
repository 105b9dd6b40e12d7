using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;
using Hubble.Observer;

namespace Relay.Benchmarks.Micro;

/// <summary>Realistic flows as a Hubble node reports them: an L3/L4 TCP flow and an L7 HTTP record.</summary>
internal static class SampleFlows
{
    public const string NodeName = "kind-worker-17";

    public static Flow Tcp()
    {
        var time = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(20_000));
        return new Flow
        {
            Time = time,
            Uuid = "5f0c3c52-5a0e-4b44-9d6c-1f4b2b0c9a11",
            Verdict = Verdict.Forwarded,
            NodeName = NodeName,
            NodeLabels = { "kubernetes.io/hostname=kind-worker-17", "kubernetes.io/os=linux" },
            IP = new IP { Source = "10.0.17.23", Destination = "10.0.3.4", IpVersion = IPVersion.Ipv4 },
            L4 = new Layer4 { TCP = new TCP { SourcePort = 43512, DestinationPort = 8080, Flags = new TCPFlags { ACK = true, PSH = true } } },
            Source = new Endpoint
            {
                ID = 1234,
                Identity = 5678,
                ClusterName = "default",
                Namespace = "shop",
                PodName = "frontend-7c9d8-x2x4z",
                Labels = { "k8s:app=frontend", "k8s:io.kubernetes.pod.namespace=shop", "k8s:tier=web" },
                Workloads = { new Workload { Kind = "Deployment", Name = "frontend" } },
            },
            Destination = new Endpoint
            {
                ID = 4321,
                Identity = 8765,
                ClusterName = "default",
                Namespace = "shop",
                PodName = "cart-6f8b7-abcde",
                Labels = { "k8s:app=cart", "k8s:io.kubernetes.pod.namespace=shop", "k8s:tier=backend" },
                Workloads = { new Workload { Kind = "Deployment", Name = "cart" } },
            },
            DestinationService = new Service { Namespace = "shop", Name = "cart" },
            DestinationNames = { "cart.shop.svc.cluster.local" },
            Type = FlowType.L3L4,
            TrafficDirection = TrafficDirection.Egress,
            EventType = new CiliumEventType { Type = 4 },
            IsReply = false,
        };
    }

    public static Flow Http()
    {
        var flow = Tcp();
        flow.Type = FlowType.L7;
        flow.EventType = new CiliumEventType { Type = 129 };
        flow.L7 = new Layer7
        {
            Type = L7FlowType.Response,
            LatencyNs = 1_250_000,
            Http = new HTTP
            {
                Code = 200,
                Method = "GET",
                Url = "http://cart.shop.svc.cluster.local:8080/api/v1/cart/42?items=3",
                Protocol = "HTTP/1.1",
                Headers = { new HTTPHeader { Key = "content-type", Value = "application/json" } },
            },
        };
        return flow;
    }

    /// <summary>A node's serialized GetFlowsResponse for <paramref name="flow"/>, as the relay receives it.</summary>
    public static byte[] Response(Flow flow) =>
        new GetFlowsResponse { Flow = flow, NodeName = NodeName, Time = flow.Time }.ToByteArray();
}

using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Streams.Wire;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// What the relay pays per flow to learn a response's merge keys: reading node_name and time from the wire
/// versus decoding the whole GetFlowsResponse.
/// </summary>
[MemoryDiagnoser]
public class WireReadBenchmarks
{
    private readonly NodeNameCache _names = new();
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        var time = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var flow = new Flow
        {
            Time = time,
            Uuid = Guid.NewGuid().ToString(),
            Verdict = Verdict.Forwarded,
            NodeName = "kind-worker-17",
            IP = new IP { Source = "10.0.17.23", Destination = "10.0.3.4", IpVersion = IPVersion.Ipv4 },
            L4 = new Layer4 { TCP = new TCP { SourcePort = 43512, DestinationPort = 8080, Flags = new TCPFlags { ACK = true, PSH = true } } },
            Source = new Endpoint { ID = 1234, Identity = 5678, Namespace = "shop", PodName = "frontend-7c9d8-x2x4z", Labels = { "k8s:app=frontend", "k8s:io.kubernetes.pod.namespace=shop" } },
            Destination = new Endpoint { ID = 4321, Identity = 8765, Namespace = "shop", PodName = "cart-6f8b7-abcde", Labels = { "k8s:app=cart", "k8s:io.kubernetes.pod.namespace=shop" } },
            Type = FlowType.L3L4,
            TrafficDirection = TrafficDirection.Egress,
        };
        _payload = new GetFlowsResponse { Flow = flow, NodeName = "kind-worker-17", Time = time }.ToByteArray();
    }

    [Benchmark(Baseline = true)]
    public long FullParse()
    {
        var response = GetFlowsResponse.Parser.ParseFrom(_payload);
        return response.Time.Seconds + response.NodeName.Length;
    }

    [Benchmark]
    public long WireKeys()
    {
        var raw = RawFlowResponse.Parse(_payload, _names);
        return raw.TimeNanos.GetValueOrDefault() + raw.NodeName.Length;
    }
}

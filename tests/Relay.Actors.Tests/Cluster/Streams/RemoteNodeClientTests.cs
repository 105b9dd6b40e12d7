using Akka.Streams.Dsl;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Cluster.Streams;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Nodes;
using Relay.Streams.Wire;
using Xunit.Abstractions;

namespace Relay.Actors.Tests.Cluster.Streams;

/// <summary>Every node call made through the replica that owns the node, compared with the same call made directly.</summary>
public sealed class RemoteNodeClientTests(ITestOutputHelper output) : TwoReplicaTestKit(output)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ServerStatus_ThroughOwner_EqualsDirectAnswer()
    {
        var node = Fleet.Nodes[0];

        var direct = await Direct(node).ServerStatusAsync(CallTimeout, CancellationToken.None);
        var remote = await Client(node).ServerStatusAsync(CallTimeout, CancellationToken.None);

        Assert.Equal((ulong)RingFlows, remote.NumFlows);
        Assert.Equal(direct, remote);
    }

    [Fact]
    public async Task GetNamespaces_ThroughOwner_EqualsDirectAnswer()
    {
        var node = Fleet.Nodes[1];

        var direct = await Direct(node).GetNamespacesAsync(new GetNamespacesRequest(), new Metadata(), CancellationToken.None);
        var remote = await Client(node).GetNamespacesAsync(new GetNamespacesRequest(), new Metadata(), CancellationToken.None);

        Assert.NotEmpty(remote.Namespaces);
        Assert.Equal(direct, remote);
    }

    [Fact]
    public async Task GetFlows_ThroughOwner_ByteIdenticalToDirectCall()
    {
        var node = Fleet.Nodes[1];
        var request = new GetFlowsRequest { Number = 50, First = true };

        var direct = await ReadAllAsync(Direct(node).GetFlowsAsync(request, new Metadata(), CancellationToken.None));
        var remote = await ReadAllAsync(Client(node).GetFlowsAsync(request, new Metadata(), CancellationToken.None));

        Assert.Equal(50, remote.Count);
        Assert.Equal(direct.Select(r => r.Payload), remote.Select(r => r.Payload));
    }

    [Fact]
    public async Task AgentEvents_ThroughOwner_EqualDirectStream()
    {
        var node = Fleet.Nodes[0];
        var request = new GetAgentEventsRequest { Number = 5 };

        var direct = await ReadAllAsync(Direct(node).GetAgentEventsAsync(request, new Metadata(), CancellationToken.None));
        var remote = await ReadAllAsync(Client(node).GetAgentEventsAsync(request, new Metadata(), CancellationToken.None));

        Assert.NotEmpty(remote);
        Assert.Equal(direct, remote);
    }

    [Fact]
    public async Task DebugEvents_ThroughOwner_EqualDirectStream()
    {
        var node = Fleet.Nodes[0];
        var request = new GetDebugEventsRequest { Number = 5 };

        var direct = await ReadAllAsync(Direct(node).GetDebugEventsAsync(request, new Metadata(), CancellationToken.None));
        var remote = await ReadAllAsync(Client(node).GetDebugEventsAsync(request, new Metadata(), CancellationToken.None));

        Assert.NotEmpty(remote);
        Assert.Equal(direct, remote);
    }

    [Fact]
    public async Task GetFlows_ReaderStopsEarly_NodeCallOnOwnerEnds()
    {
        var node = Fleet.Nodes[0];
        using var cts = new CancellationTokenSource(Guard);

        await foreach (var unused in Client(node).GetFlowsAsync(new GetFlowsRequest { Follow = true, Number = 1 }, new Metadata(), cts.Token))
        {
            Assert.Equal(1, node.OpenGetFlowsStreams);
            break;
        }

        await UntilAsync(() => node.OpenGetFlowsStreams == 0);
    }

    [Fact]
    public async Task NodeRefusesCall_SameStatusAsDirectCall()
    {
        var node = Fleet.Nodes[1];
        node.FailRequests(StatusCode.ResourceExhausted, "too busy");

        var direct = await Assert.ThrowsAsync<RpcException>(() => Direct(node).ServerStatusAsync(CallTimeout, CancellationToken.None));
        var remote = await Assert.ThrowsAsync<RpcException>(() => Client(node).ServerStatusAsync(CallTimeout, CancellationToken.None));

        Assert.Equal((StatusCode.ResourceExhausted, "too busy"), (remote.StatusCode, remote.Status.Detail));
        Assert.Equal((direct.StatusCode, direct.Status.Detail), (remote.StatusCode, remote.Status.Detail));
    }

    [Fact]
    public async Task NodeNotConnectedOnOwner_EveryCallUnavailable()
    {
        var node = Fleet.Nodes[0];
        await SetOwnerNodeAsync(new NodeEntry(node.PeerName, node.Address, null, NodeState.Connecting, FleetTime.GetUtcNow()));
        var client = Client(node);

        var status = await Assert.ThrowsAsync<RpcException>(() => client.ServerStatusAsync(CallTimeout, CancellationToken.None));
        var namespaces = await Assert.ThrowsAsync<RpcException>(() => client.GetNamespacesAsync(new GetNamespacesRequest(), new Metadata(), CancellationToken.None));
        var events = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client.GetAgentEventsAsync(new GetAgentEventsRequest(), new Metadata(), CancellationToken.None)));

        Assert.All([status, namespaces, events], e => Assert.Equal((StatusCode.Unavailable, $"node {node.PeerName} is Connecting"), (e.StatusCode, e.Status.Detail)));
    }

    [Fact]
    public async Task CallerHeaders_ReachTheNodeThroughOwner()
    {
        await using var server = await TestHubbleServer.StartAsync(withPeerService: false);
        await SetOwnerNodeAsync(OwnerEntry("test/a", $"127.0.0.1:{server.Port}"));
        var headers = new Metadata { { "x-caller", "abc" }, { "x-trace-bin", new byte[] { 0, 1, 254 } } };

        var flows = await Remote.Open(new NodeEntry("test/a", "", null, NodeState.Connected, DateTimeOffset.UnixEpoch), new GetFlowsRequest { Number = 2 }, headers, CancellationToken.None)
            .RunWith(Sink.Seq<RawFlowResponse>(), CallerMaterializer)
            .WaitAsync(Guard);

        Assert.Equal(server.Observer.SentBytes.ToArray(), flows.Select(r => r.Payload).ToArray());
        var (request, received) = Assert.Single(server.Observer.FlowCalls);
        Assert.Equal(2UL, request.Number);
        Assert.Equal("abc", received.GetValue("x-caller"));
        Assert.Equal(new byte[] { 0, 1, 254 }, received.GetValueBytes("x-trace-bin"));
        Assert.Equal("1.2.3-test", received.GetValue("hubble-relay-version"));
    }

    private RemoteNodeClient Client(Relay.Fleet.SimulatedNode node) => new(node.PeerName, Ask, CallerMaterializer);
}

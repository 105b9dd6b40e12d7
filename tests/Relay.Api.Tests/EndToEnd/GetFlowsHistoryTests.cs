using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>History queries (no follow) through a real relay against a real simulated fleet.</summary>
public sealed class GetFlowsHistoryTests : IAsyncLifetime
{
    private const int Nodes = 5;
    private const int FlowsPerNode = 200;
    private RelayHarness _relay = null!;

    public async Task InitializeAsync() =>
        _relay = await RelayHarness.StartAsync(new FleetOptions { Nodes = Nodes, FlowsPerSecond = 0, PrefillFlows = FlowsPerNode, Seed = 7 });

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Everything_ArrivesExactlyInTimeOrderAcrossNodes()
    {
        var truth = FlowTruth.Merged(_relay.Fleet);

        var responses = await _relay.ReadAllAsync(new GetFlowsRequest { Number = Nodes * FlowsPerNode });

        var flows = FlowTruth.Flows(responses);
        Assert.Equal(Nodes * FlowsPerNode, flows.Count);
        FlowTruth.AssertTimeOrdered(flows);
        Assert.Equal(truth, flows);
    }

    [Fact]
    public async Task FirstResponse_IsNodeConnected_NamingEveryNode()
    {
        var responses = await _relay.ReadAllAsync(new GetFlowsRequest { Number = 1 });

        var status = responses[0].NodeStatus;
        Assert.Equal(RelayNodeState.NodeConnected, status.StateChange);
        Assert.Equal(_relay.Fleet.Nodes.Select(n => n.PeerName).Order(), status.NodeNames.Order());
    }

    [Fact]
    public async Task LastN_IsNInTotal_TheGloballyMostRecent()
    {
        var truth = FlowTruth.Merged(_relay.Fleet);

        var flows = FlowTruth.Flows(await _relay.ReadAllAsync(new GetFlowsRequest { Number = 20 }));

        Assert.Equal(truth.TakeLast(20), flows);
    }

    [Fact]
    public async Task FirstN_IsNInTotal_TheGloballyEarliest()
    {
        var truth = FlowTruth.Merged(_relay.Fleet);

        var flows = FlowTruth.Flows(await _relay.ReadAllAsync(new GetFlowsRequest { Number = 15, First = true }));

        Assert.Equal(truth.Take(15), flows);
    }

    [Fact]
    public async Task SinceUntil_ReturnsExactlyTheFlowsInTheWindow_InOrder()
    {
        var truth = FlowTruth.Merged(_relay.Fleet);
        var since = truth[100].Time;
        var until = truth[400].Time;

        var flows = FlowTruth.Flows(await _relay.ReadAllAsync(new GetFlowsRequest { Since = since, Until = until }));

        var expected = truth.Where(f => f.Time.ToDateTimeOffset() >= since.ToDateTimeOffset() && f.Time.ToDateTimeOffset() <= until.ToDateTimeOffset());
        Assert.Equal(expected, flows);
    }

    [Fact]
    public async Task Filters_ReachTheNodes()
    {
        var truth = FlowTruth.Merged(_relay.Fleet).Where(f => f.Verdict == Verdict.Dropped).ToList();
        Assert.NotEmpty(truth);

        var request = new GetFlowsRequest { Number = Nodes * FlowsPerNode, Whitelist = { new FlowFilter { Verdict = { Verdict.Dropped } } } };
        var flows = FlowTruth.Flows(await _relay.ReadAllAsync(request));

        Assert.Equal(truth, flows);
    }

    [Fact]
    public async Task FilterTheNodesReject_IsOneNodeErrorNamingEveryNode_AndTheCallEndsOk()
    {
        var request = new GetFlowsRequest { Number = 10, Whitelist = { new FlowFilter { Experimental = new FlowFilter.Types.Experimental { CelExpression = { "true" } } } } };

        var responses = await _relay.ReadAllAsync(request);

        var error = Assert.Single(responses, r => r.NodeStatus?.StateChange == RelayNodeState.NodeError).NodeStatus;
        Assert.Equal(Nodes, error.NodeNames.Count);
        Assert.Contains("experimental", error.Message, StringComparison.Ordinal);
        Assert.Empty(FlowTruth.Flows(responses));
    }

    [Fact]
    public async Task InvalidRequest_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _relay.ReadAllAsync(new GetFlowsRequest { First = true, Follow = true, Number = 3 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("first:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flows_AreForwardedByteForByte()
    {
        var node = _relay.Fleet.Nodes[0];
        var request = new GetFlowsRequest { Number = Nodes * FlowsPerNode };
        var fromNode = await ReadRawAsync($"http://{node.Address}", request);

        var fromRelay = await ReadRawAsync($"http://{_relay.Relay.ListenAddress}", request);

        var relayedFromNode = fromRelay.Where(r => r.NodeName == node.PeerName && r.Kind == Relay.Streams.Wire.ResponseKind.Flow).Select(r => Convert.ToHexString(r.Payload));
        Assert.Equal(fromNode.Select(r => Convert.ToHexString(r.Payload)), relayedFromNode);
    }

    [Fact]
    public async Task StoppedNode_IsReportedUnavailable_AndTheOthersStillAnswer()
    {
        var stopped = _relay.Fleet.Nodes[1];
        await stopped.StopAsync();

        var responses = await _relay.ReadAllAsync(new GetFlowsRequest { Number = Nodes * FlowsPerNode });

        var unavailable = Assert.Single(responses, r => r.NodeStatus?.StateChange == RelayNodeState.NodeUnavailable).NodeStatus;
        Assert.Equal([stopped.PeerName], unavailable.NodeNames);
        var flows = FlowTruth.Flows(responses);
        Assert.Equal((Nodes - 1) * FlowsPerNode, flows.Count);
        Assert.DoesNotContain(flows, f => f.NodeName == stopped.Name || f.NodeName == stopped.PeerName);
    }

    private static async Task<List<Relay.Streams.Wire.RawFlowResponse>> ReadRawAsync(string address, GetFlowsRequest request)
    {
        using var channel = GrpcChannel.ForAddress(address);
        using var timeout = new CancellationTokenSource(RelayHarness.Patience);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(RawObserverMethods.GetFlows, null, new CallOptions(cancellationToken: timeout.Token), request);
        var responses = new List<Relay.Streams.Wire.RawFlowResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            responses.Add(response);
        }

        return responses;
    }
}

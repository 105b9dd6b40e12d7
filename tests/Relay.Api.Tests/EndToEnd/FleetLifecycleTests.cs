using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>The relay against fleets that are empty, late, or lose their peer service.</summary>
public sealed class FleetLifecycleTests
{
    [Fact]
    public async Task ZeroNodes_GetFlowsEndsOkWithNoFlows_AndHealthIsServing()
    {
        await using var relay = await RelayHarness.StartAsync(new FleetOptions { Nodes = 0 });

        var responses = await relay.ReadAllAsync(new GetFlowsRequest { Number = 20 });

        Assert.Empty(FlowTruth.Flows(responses));
        await AssertServingAsync(relay.Relay.HealthAddress);
    }

    [Fact]
    public async Task NoPeerService_GetFlowsEndsOk_ServerStatusAnswers_HealthServing()
    {
        await using var host = await RelayHarness.StartRelayAsync("127.0.0.1:1");
        using var channel = GrpcChannel.ForAddress($"http://{host.ListenAddress}");
        var client = new Observer.ObserverClient(channel);

        using var call = client.GetFlows(new GetFlowsRequest { Number = 5 }, deadline: DateTime.UtcNow.AddSeconds(20));
        var responses = new List<GetFlowsResponse>();
        await foreach (var r in call.ResponseStream.ReadAllAsync())
        {
            responses.Add(r);
        }

        Assert.Empty(FlowTruth.Flows(responses));
        var status = await client.ServerStatusAsync(new ServerStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(0u, status.NumConnectedNodes);
        await AssertServingAsync(host.HealthAddress);
    }

    [Fact]
    public async Task PeerServiceDownAtStart_ThenUp_NodesAreFoundAndServeFlows()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 0, PrefillFlows = 10 });
        await fleet.StopPeerServiceAsync();
        await using var host = await RelayHarness.StartRelayAsync(fleet.PeerAddress);
        await AssertServingAsync(host.HealthAddress);

        await fleet.StartPeerServiceAsync();

        using var channel = GrpcChannel.ForAddress($"http://{host.ListenAddress}");
        var client = new Observer.ObserverClient(channel);
        await WaitForConnectedAsync(client, 3);
        using var call = client.GetFlows(new GetFlowsRequest { Number = 30 }, deadline: DateTime.UtcNow.AddSeconds(20));
        var flows = new List<GetFlowsResponse>();
        await foreach (var r in call.ResponseStream.ReadAllAsync())
        {
            if (r.Flow is not null)
            {
                flows.Add(r);
            }
        }

        Assert.Equal(30, flows.Count);
    }

    [Fact]
    public async Task NodeRemovedFromThePeerService_LeavesGetNodes()
    {
        await using var relay = await RelayHarness.StartAsync(new FleetOptions { Nodes = 3, FlowsPerSecond = 0, PrefillFlows = 10 });
        var removed = relay.Fleet.Nodes[1].PeerName;

        await relay.Fleet.RemoveNodeAsync(removed);
        await relay.WaitUntilConnectedAsync(2);

        var nodes = (await relay.Client.GetNodesAsync(new GetNodesRequest())).Nodes;
        Assert.DoesNotContain(nodes, n => n.Name == removed && n.State == RelayNodeState.NodeConnected);
    }

    private static async Task AssertServingAsync(string address)
    {
        using var channel = GrpcChannel.ForAddress($"http://{address}");
        var answer = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    /// <summary>Asks ServerStatus until it reports <paramref name="count"/> connected nodes (bounded).</summary>
    private static async Task WaitForConnectedAsync(Observer.ObserverClient client, int count)
    {
        var deadline = DateTime.UtcNow + RelayHarness.Patience;
        while ((await client.ServerStatusAsync(new ServerStatusRequest())).NumConnectedNodes != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"relay never saw {count} connected nodes");
            await Task.Delay(50);
        }
    }
}

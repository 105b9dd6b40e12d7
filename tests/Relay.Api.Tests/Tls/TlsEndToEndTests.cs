using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Actors.Peers;

namespace Relay.Api.Tests.Tls;

/// <summary>Client → relay over TLS, relay → peer service and nodes over TLS with the names the peer service announces.</summary>
public sealed class TlsEndToEndTests
{
    [Fact]
    public async Task GetFlows_TlsToRelayAndToNodes_FlowsOfEveryNode()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 3 });

        var responses = await TlsScenario.ReadAllAsync(scenario.Client(), new GetFlowsRequest { Number = 150 });

        var flows = responses.Where(r => r.ResponseTypesCase == GetFlowsResponse.ResponseTypesOneofCase.Flow).ToList();
        Assert.Equal(150, flows.Count);
        Assert.Equal(scenario.Fleet.Nodes.Select(n => n.PeerName).Order(), flows.Select(f => f.NodeName).Distinct().Order());
        Assert.Equal(
            scenario.Fleet.Nodes.Select(n => (n.PeerName, n.TlsServerName)).Order(),
            scenario.Relay.Directory.Nodes.Select(n => (n.Name, n.TlsServerName!)).Order());
    }

    [Fact]
    public async Task GetFlows_NodesRequireClientCertificates_RelayPresentsItsOwn()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { MutualNodes = true });

        var responses = await TlsScenario.ReadAllAsync(scenario.Client(), new GetFlowsRequest { Number = 20 });

        Assert.Equal(20, responses.Count(r => r.Flow is not null));
        Assert.All(scenario.Relay.Directory.Nodes, n => Assert.Equal(NodeState.Connected, n.State));
    }

    [Fact]
    public async Task Health_ServerTlsOn_HealthPortStaysPlaintextAndMainPortAnswersOverTls()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1 });
        using var plaintext = GrpcChannel.ForAddress($"http://{scenario.Relay.HealthAddress}");

        var health = await new global::Grpc.Health.V1.Health.HealthClient(plaintext).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + TlsScenario.Patience);
        var status = await scenario.Client().ServerStatusAsync(new ServerStatusRequest(), deadline: DateTime.UtcNow + TlsScenario.Patience);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(1u, status.NumConnectedNodes);
    }

    [Fact]
    public async Task ServerStatus_CleartextClientOnTlsPort_Fails()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1 });
        using var cleartext = GrpcChannel.ForAddress($"http://{scenario.Relay.ListenAddress}");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Observer.ObserverClient(cleartext).ServerStatusAsync(new ServerStatusRequest(), deadline: DateTime.UtcNow + TlsScenario.Patience).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }
}

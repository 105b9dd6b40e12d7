using Hubble.Observer;
using Relay.Actors.Peers;
using Relay.Fleet.Tls;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.Tls;

/// <summary>The relay verifying nodes and the peer service: trusted CAs only, the names Hubble uses, CAs reloaded.</summary>
public sealed class NodeTlsTests
{
    private static readonly FleetCertificateAuthority Stranger = FleetCertificateAuthority.Create("stranger CA");

    [Fact]
    public async Task Node_CertificateFromAnotherCa_UnavailableWithTheCertificateProblem()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions
        {
            Nodes = 2,
            WaitForNodes = false,
            FleetTls = cluster =>
            {
                var good = cluster.ServeFleet();
                var bad = Stranger.IssueServer("node-01.alpha.hubble-grpc.cilium.io");
                return good with { CertificateFor = name => name.StartsWith("node-01.", StringComparison.Ordinal) ? bad : good.CertificateFor(name) };
            },
        });
        const string Bad = "alpha/node-01";

        await scenario.WaitUntilAsync(
            nodes => nodes.Count == 2 && nodes.Single(n => n.Name == Bad).State == NodeState.Unavailable && nodes.Single(n => n.Name != Bad).State == NodeState.Connected,
            "node-01 is unavailable and node-00 connected");
        var responses = await TlsScenario.ReadAllAsync(scenario.Client(), new GetFlowsRequest { Number = 10 });

        var lastError = scenario.Relay.Directory.Nodes.Single(n => n.Name == Bad).LastError;
        Assert.StartsWith("Unavailable: TLS handshake with \"node-01.alpha.hubble-grpc.cilium.io\" failed, certificate problem: ", lastError);
        Assert.Contains("(issued by \"CN=stranger CA\") is not signed by a trusted CA", lastError);
        Assert.Contains(scenario.Logs.Events, e => e.Name == "NodeUnavailable" && e.Message.Contains("certificate problem"));
        Assert.Contains(responses, r => r.NodeStatus is { StateChange: RelayNodeState.NodeUnavailable } s && s.NodeNames.Contains(Bad));
        Assert.Equal(10, responses.Count(r => r.Flow is not null));
    }

    [Fact]
    public async Task PeerService_CertificateForAnotherCluster_RefusedNamingTheExpectedName()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions
        {
            Nodes = 1,
            WaitForNodes = false,
            FleetTls = cluster =>
            {
                var good = cluster.ServeFleet();
                var elsewhere = cluster.IssueServer("hubble-peer.beta.hubble-grpc.cilium.io");
                return good with { CertificateFor = name => name.StartsWith("hubble-peer.", StringComparison.Ordinal) ? elsewhere : good.CertificateFor(name) };
            },
        });

        await TlsScenario.EventuallyAsync(
            () => Task.FromResult(scenario.Relay.Directory.PeerService.LastError is not null), "the peer service has failed");

        var error = scenario.Relay.Directory.PeerService.LastError!;
        Assert.Contains("is not valid for the name \"hubble-peer.alpha.hubble-grpc.cilium.io\"", error);
        Assert.Contains("it names hubble-peer.beta.hubble-grpc.cilium.io", error);
        Assert.Empty(scenario.Relay.Directory.Nodes);
    }

    [Fact]
    public async Task HubbleServerCa_RotatedToTheRightCa_PeerServiceAndNodesConnect()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions
        {
            Nodes = 2,
            WaitForNodes = false,
            HubbleServerCaPem = Stranger.Certificate.ExportCertificatePem(),
        });
        await TlsScenario.EventuallyAsync(
            () => Task.FromResult(scenario.Relay.Directory.PeerService.LastError?.Contains("certificate problem") == true),
            "the peer service is refused for its certificate");

        scenario.Rotate(new Dictionary<string, string> { ["hubble-server-ca.crt"] = TlsScenario.ClusterCa.Certificate.ExportCertificatePem() });

        await scenario.WaitUntilAsync(nodes => nodes.Count == 2 && nodes.All(n => n.State == NodeState.Connected), "both nodes connect with the new CA");
        Assert.Contains(scenario.Logs.Events, e => e.Name == "TlsMaterialReloaded" && e.Message.Contains("Hubble server CAs"));
    }
}

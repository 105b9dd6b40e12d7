using Grpc.Core;
using Hubble.Observer;
using Relay.Fleet.Tls;

namespace Relay.Api.Tests.Tls;

/// <summary>
/// Certificates and CAs rotated on disk while the relay runs, the way Kubernetes does it (a new secret directory,
/// then the <c>..data</c> symlink swapped): new connections use the new material, nothing restarts.
/// </summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task ServerCertificate_SecretSwapped_NewConnectionsGetTheNewOneAndOpenOnesGoOn()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1 });
        var before = await scenario.PresentedCertificateAsync();
        var openClient = scenario.Client();
        await openClient.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());
        var next = TlsScenario.RelayCa.IssueServer("*.hubble-relay.cilium.io");

        scenario.Rotate(ServerPair(next));

        await TlsScenario.EventuallyAsync(
            async () => (await scenario.PresentedCertificateAsync()).Thumbprint == next.Thumbprint, "the relay presents the new certificate");
        Assert.Equal("CN=*.hubble-relay.cilium.io", before.Subject);
        Assert.NotEqual(next.Thumbprint, before.Thumbprint);
        var onOpenConnection = await openClient.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());
        var onNewConnection = await TlsScenario.ReadAllAsync(scenario.Client(), new GetFlowsRequest { Number = 5 });
        Assert.Equal(1u, onOpenConnection.NumConnectedNodes);
        Assert.Equal(5, onNewConnection.Count(r => r.Flow is not null));
        Assert.Contains(scenario.Logs.Events, e => e.Name == "TlsMaterialReloaded" && e.Message.Contains("relay server certificate"));
    }

    [Fact]
    public async Task ServerCertificate_CorruptedDuringReload_KeepsServingTheOldOneAndLogsAnError()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1 });
        var before = await scenario.PresentedCertificateAsync();

        scenario.Rotate(new Dictionary<string, string> { ["server.crt"] = "-----BEGIN CERTIFICATE-----\nAAAA garbage\n-----END CERTIFICATE-----\n" });

        await TlsScenario.EventuallyAsync(
            () => Task.FromResult(scenario.Logs.Events.Any(e => e.Name == "TlsMaterialReloadFailed")), "the failed reload is logged");
        var failure = scenario.Logs.Events.First(e => e.Name == "TlsMaterialReloadFailed").Message;
        Assert.Contains(scenario.Secret.File("server.crt"), failure);
        Assert.Contains("keeping the one loaded before", failure);
        Assert.Equal(before.Thumbprint, (await scenario.PresentedCertificateAsync()).Thumbprint);
        var flows = await TlsScenario.ReadAllAsync(scenario.Client(), new GetFlowsRequest { Number = 5 });
        Assert.Equal(5, flows.Count(r => r.Flow is not null));

        var repaired = TlsScenario.RelayCa.IssueServer("*.hubble-relay.cilium.io");
        scenario.Rotate(ServerPair(repaired));
        await TlsScenario.EventuallyAsync(
            async () => (await scenario.PresentedCertificateAsync()).Thumbprint == repaired.Thumbprint, "the repaired certificate is served");
    }

    [Fact]
    public async Task ClientCa_SecretSwapped_ClientsOfTheNewCaAccepted()
    {
        await using var scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1, MutualServer = true });
        var nextCa = FleetCertificateAuthority.Create("next client CA");
        var certificate = nextCa.IssueClient("hubble-cli");
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            scenario.Client(certificate).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);

        scenario.Rotate(new Dictionary<string, string> { ["client-ca.crt"] = nextCa.Certificate.ExportCertificatePem() });

        await TlsScenario.EventuallyAsync(
            () => Task.FromResult(scenario.Logs.Events.Any(e => e.Name == "TlsMaterialReloaded" && e.Message.Contains("relay client CAs"))),
            "the client CAs are reloaded");
        var status = await scenario.Client(certificate).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());
        Assert.NotEqual(StatusCode.OK, refused.StatusCode);
        Assert.Equal(1u, status.NumConnectedNodes);
    }

    private static Dictionary<string, string> ServerPair(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var (pem, key) = FleetCertificateAuthority.ToPem(certificate);
        return new Dictionary<string, string> { ["server.crt"] = pem, ["server.key"] = key };
    }

    private static DateTime Deadline() => DateTime.UtcNow + TlsScenario.Patience;
}

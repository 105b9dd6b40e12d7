using Grpc.Core;
using Hubble.Observer;
using Relay.Fleet.Tls;

namespace Relay.Api.Tests.Tls;

/// <summary><c>--tls-relay-client-ca-files</c>: only clients with a certificate from those CAs get past the handshake.</summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private TlsScenario _scenario = null!;

    public async Task InitializeAsync() =>
        _scenario = await TlsScenario.StartAsync(new TlsScenarioOptions { Nodes = 1, MutualServer = true });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ServerStatus_ClientCertificateFromTheClientCa_Served()
    {
        var client = _scenario.Client(TlsScenario.ClientCa.IssueClient("hubble-ui"));

        var status = await client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());

        Assert.Equal(1u, status.NumConnectedNodes);
    }

    [Fact]
    public async Task ServerStatus_ClientWithoutCertificate_RefusedAtTheHandshake()
    {
        var client = _scenario.Client();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);

        AssertConnectionFailed(error);
        Assert.Contains(_scenario.Logs.Events, e => e.Name == "ClientCertificateRefused" && e.Message.Contains("no certificate was presented"));
    }

    [Fact]
    public async Task ServerStatus_ClientCertificateFromAnotherCa_RefusedAtTheHandshake()
    {
        var stranger = FleetCertificateAuthority.Create("stranger CA");
        var client = _scenario.Client(stranger.IssueClient("intruder"));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);

        AssertConnectionFailed(error);
        Assert.Contains(_scenario.Logs.Events, e => e.Name == "ClientCertificateRefused"
            && e.Message.Contains("\"CN=intruder\" (issued by \"CN=stranger CA\") is not signed by a trusted CA"));
    }

    private static DateTime Deadline() => DateTime.UtcNow + TlsScenario.Patience;

    // No request reaches the service: the connection fails (TLS 1.3 clients learn of the refusal on their first read).
    private static void AssertConnectionFailed(RpcException error) =>
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
}

using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Relay.Actors.Nodes;
using Relay.Actors.Nodes.Tls;

namespace Relay.Actors.Tests.Nodes.Tls;

/// <summary>Node channels with client TLS against a real Kestrel node serving TLS over loopback.</summary>
public sealed class NodeTlsChannelTests
{
    private const string NodeName = "node-a.default.hubble-grpc.cilium.io";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly TestPki Cluster = TestPki.Create("cluster CA");
    private static readonly TestPki Stranger = TestPki.Create("stranger CA");

    [Fact]
    public async Task ServerStatus_CertificateFromTrustedCaWithTheName_Succeeds()
    {
        await using var server = await TestHubbleServer.StartAsync(false, Cluster.IssueServer(NodeName));

        var status = await StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust));

        Assert.Equal("test-node", status.Version);
    }

    [Fact]
    public async Task ServerStatus_CertificateFromAnotherCa_UnavailableNamingTheCertificateProblem()
    {
        await using var server = await TestHubbleServer.StartAsync(false, Stranger.IssueServer(NodeName));

        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        var described = NodeErrors.Describe(error);
        Assert.StartsWith($"Unavailable: TLS handshake with \"{NodeName}\" failed, certificate problem: ", described);
        Assert.Contains("issued by \"CN=stranger CA\"", described);
        Assert.Contains("is not signed by a trusted CA", described);
    }

    [Fact]
    public async Task ServerStatus_ExpiredCertificate_UnavailableSayingItExpired()
    {
        var expired = Cluster.IssueServer(NodeName, notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        await using var server = await TestHubbleServer.StartAsync(false, expired);

        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust)));

        var described = NodeErrors.Describe(error);
        Assert.Contains("is expired or not yet valid", described);
        Assert.DoesNotContain("not signed by a trusted CA", described);
    }

    [Fact]
    public async Task ServerStatus_CertificateForAnotherName_UnavailableNamingBothNames()
    {
        await using var server = await TestHubbleServer.StartAsync(false, Cluster.IssueServer("node-b.default.hubble-grpc.cilium.io"));

        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust)));

        var described = NodeErrors.Describe(error);
        Assert.Contains($"is not valid for the name \"{NodeName}\"", described);
        Assert.Contains("it names node-b.default.hubble-grpc.cilium.io", described);
    }

    [Fact]
    public async Task ServerStatus_NodeRequiresClientCertificate_SucceedsOnlyWhenOneIsConfigured()
    {
        var clients = TestPki.Create("client CA");
        await using var server = await TestHubbleServer.StartAsync(false, Cluster.IssueServer(NodeName), clients.Trust);
        var identity = new TlsIdentity(clients.IssueClient("relay"), []);

        var withCertificate = await StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust, identity));
        var withoutCertificate = await Assert.ThrowsAsync<RpcException>(() => StatusAsync(server, NodeName, NodeTlsSettings.Fixed(Cluster.Trust)));

        Assert.Equal("test-node", withCertificate.Version);
        // TLS 1.3: the client learns of the refusal after its side of the handshake, on the first read.
        Assert.Contains(withoutCertificate.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact]
    public async Task Create_AuthoritiesChangeBetweenConnections_NextConnectionUsesTheNewOnes()
    {
        await using var server = await TestHubbleServer.StartAsync(false, Stranger.IssueServer(NodeName));
        var trusted = Cluster.Trust;
        var settings = new NodeTlsSettings { ServerAuthorities = () => trusted };

        await Assert.ThrowsAsync<RpcException>(() => StatusAsync(server, NodeName, settings));
        trusted = Stranger.Trust;
        var status = await StatusAsync(server, NodeName, settings);

        Assert.Equal("test-node", status.Version);
    }

    [Fact]
    public async Task Create_UnixSocketWithTlsConfigured_StaysCleartext()
    {
        await using var server = await TestHubbleServer.StartAsync(false, Cluster.IssueServer(NodeName));
        var channels = new NodeChannelFactory(new NodeConnectionSettings { Tls = NodeTlsSettings.Fixed(Stranger.Trust) });
        using var connection = new GrpcNodeConnector(channels).Connect("unix://" + server.SocketPath, null);
        using var cts = new CancellationTokenSource(Guard);

        var status = await connection.Client.ServerStatusAsync(TimeSpan.FromSeconds(5), cts.Token);

        Assert.Equal("test-node", status.Version);
    }

    private static async Task<Hubble.Observer.ServerStatusResponse> StatusAsync(TestHubbleServer server, string serverName, NodeTlsSettings tls)
    {
        var channels = new NodeChannelFactory(new NodeConnectionSettings { Tls = tls });
        using var connection = new GrpcNodeConnector(channels).Connect($"127.0.0.1:{server.Port}", serverName);
        using var cts = new CancellationTokenSource(Guard);
        return await connection.Client.ServerStatusAsync(TimeSpan.FromSeconds(5), cts.Token);
    }
}

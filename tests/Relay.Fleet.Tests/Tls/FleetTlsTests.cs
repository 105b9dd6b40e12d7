using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Hubble.Peer;
using Relay.Fleet.Tls;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Tls;

/// <summary>A fleet serving TLS: each port presents the certificate of its Hubble name; client CAs make it mTLS.</summary>
public sealed class FleetTlsTests : IAsyncDisposable
{
    private static readonly FleetCertificateAuthority Ca = FleetCertificateAuthority.Create("fleet test CA");
    private readonly FleetTestKit _kit = new();
    private readonly List<GrpcChannel> _channels = [];

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        await _kit.DisposeAsync();
    }

    [Fact]
    public async Task Tls_PeerServiceAndNodes_PresentTheCertificateOfTheirName()
    {
        var fleet = await _kit.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 0, RingCapacity = 10, ClusterName = "alpha", Tls = Ca.ServeFleet() });
        var presented = new List<string>();

        using var notify = new Peer.PeerClient(Channel(fleet.PeerAddress, fleet.PeerTlsServerName, presented)).Notify(new NotifyRequest(), deadline: Deadline());
        var first = await NextAsync(notify.ResponseStream);
        var node = fleet.Node(first.Name);
        var status = await new Hubble.Observer.Observer.ObserverClient(Channel(node.Address, first.Tls.ServerName, presented))
            .ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());

        Assert.Equal("hubble-peer.alpha.hubble-grpc.cilium.io", fleet.PeerTlsServerName);
        Assert.Equal(["CN=hubble-peer.alpha.hubble-grpc.cilium.io", "CN=node-00.alpha.hubble-grpc.cilium.io"], presented);
        Assert.Equal(10UL, status.MaxFlows);
    }

    [Fact]
    public async Task Tls_ClientAuthorities_ClientWithoutCertificateRefusedWithOneServed()
    {
        var clients = FleetCertificateAuthority.Create("client CA");
        var fleet = await _kit.StartAsync(new FleetOptions { Nodes = 1, FlowsPerSecond = 0, RingCapacity = 10, Tls = Ca.ServeFleet(clients.Trust()) });
        var node = fleet.Nodes[0];

        var refused = await FailureAsync(() => new Hubble.Observer.Observer.ObserverClient(Channel(node.Address, node.TlsServerName, []))
            .ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        var status = await new Hubble.Observer.Observer.ObserverClient(Channel(node.Address, node.TlsServerName, [], clients.IssueClient("relay")))
            .ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());

        // The connection is dropped after the handshake (TLS 1.3 clients learn of the refusal on their first read).
        Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Equal(10UL, status.MaxFlows);
    }

    private GrpcChannel Channel(string address, string serverName, List<string> presented, X509Certificate2? clientCertificate = null)
    {
        var trust = Ca.Trust();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    presented.Add(certificate!.Subject);
                    using var custom = new X509Chain();
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    custom.ChainPolicy.CustomTrustStore.AddRange(trust);
                    return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                        && custom.Build((X509Certificate2)certificate);
                },
            },
        };
        var channel = GrpcChannel.ForAddress("https://" + address, new GrpcChannelOptions { HttpHandler = handler });
        _channels.Add(channel);
        return channel;
    }
}

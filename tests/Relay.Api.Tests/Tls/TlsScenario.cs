using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Microsoft.Extensions.Logging;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting;
using Relay.Api.Tests.Configuration;
using Relay.Fleet;
using Relay.Fleet.Tls;

namespace Relay.Api.Tests.Tls;

/// <summary>
/// TLS everywhere on loopback, with certificates made at test time: a fleet serving TLS under cluster "alpha"
/// (certificates from the cluster CA), and a relay serving TLS (certificate from the relay CA) that reads its
/// certificates, keys and CAs from a Kubernetes-style secret volume, so tests can rotate them as the kubelet does.
/// </summary>
internal sealed class TlsScenario : IAsyncDisposable
{
    public const string Cluster = "alpha";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<GrpcChannel> _channels = [];
    private readonly ILoggerFactory _loggers;
    private Dictionary<string, string> _files;

    private TlsScenario(string root, SecretVolume secret, Dictionary<string, string> files, SimulatedFleet fleet, CapturingLoggerProvider logs, ILoggerFactory loggers)
    {
        Root = root;
        Secret = secret;
        _files = files;
        Fleet = fleet;
        Logs = logs;
        _loggers = loggers;
    }

    public static FleetCertificateAuthority ClusterCa { get; } = FleetCertificateAuthority.Create("cluster CA");

    public static FleetCertificateAuthority RelayCa { get; } = FleetCertificateAuthority.Create("relay CA");

    public static FleetCertificateAuthority ClientCa { get; } = FleetCertificateAuthority.Create("client CA");

    public string Root { get; }

    public SecretVolume Secret { get; }

    public SimulatedFleet Fleet { get; }

    public RelayHost Relay { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; }

    public IPEndPoint RelayEndPoint => IPEndPoint.Parse(Relay.ListenAddress);

    public static async Task<TlsScenario> StartAsync(TlsScenarioOptions options)
    {
        var root = Path.Combine(Path.GetTempPath(), "relay-tls-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var (serverCert, serverKey) = FleetCertificateAuthority.ToPem(RelayCa.IssueServer("*.hubble-relay.cilium.io"));
        var files = new Dictionary<string, string>
        {
            ["server.crt"] = serverCert,
            ["server.key"] = serverKey,
            ["client-ca.crt"] = ClientCa.Certificate.ExportCertificatePem(),
            ["hubble-server-ca.crt"] = options.HubbleServerCaPem ?? ClusterCa.Certificate.ExportCertificatePem(),
        };
        (files["client.crt"], files["client.key"]) = FleetCertificateAuthority.ToPem(ClientCa.IssueClient("hubble-relay-client"));
        var secret = new SecretVolume(Path.Combine(root, "tls"), files);

        var logs = new CapturingLoggerProvider();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var fleetTls = options.FleetTls?.Invoke(ClusterCa) ?? ClusterCa.ServeFleet(options.MutualNodes ? ClientCa.Trust() : null);
        var fleet = await SimulatedFleet.StartAsync(new FleetOptions
        {
            Nodes = options.Nodes,
            FlowsPerSecond = 0,
            PrefillFlows = 50,
            ClusterName = Cluster,
            Tls = fleetTls,
        });
        var scenario = new TlsScenario(root, secret, files, fleet, logs, loggers);
        try
        {
            List<string> args =
            [
                "--peer-service", fleet.PeerAddress, "--cluster-name", Cluster,
                "--listen-address", "127.0.0.1:0", "--health-listen-address", "127.0.0.1:0",
                "--dial-timeout", "2s", "--retry-timeout", "1s",
                "--tls-relay-server-cert-file", secret.File("server.crt"),
                "--tls-relay-server-key-file", secret.File("server.key"),
                "--tls-hubble-server-ca-files", secret.File("hubble-server-ca.crt"),
            ];
            if (options.MutualServer)
            {
                args.AddRange(["--tls-relay-client-ca-files", secret.File("client-ca.crt")]);
            }

            if (options.MutualNodes)
            {
                args.AddRange(["--tls-hubble-client-cert-file", secret.File("client.crt"), "--tls-hubble-client-key-file", secret.File("client.key")]);
            }

            scenario.Relay = await RelayHost.StartAsync(LoadOptions(args), loggers);
            if (options.WaitForNodes)
            {
                await scenario.WaitUntilAsync(nodes => nodes.Count(n => n.State == NodeState.Connected) == options.Nodes, "every node is connected");
            }

            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options as <c>serve</c> would load them from these arguments (they must be valid).</summary>
    public static RelayOptions LoadOptions(IReadOnlyList<string> args)
    {
        var loaded = RelayOptionsLoader.Load(args, new Dictionary<string, string>(), new PhysicalRelayFileSystem());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Options!;
    }

    /// <summary>Publishes the secret again with some files changed (an atomic <c>..data</c> swap).</summary>
    public void Rotate(IReadOnlyDictionary<string, string> changes)
    {
        var files = new Dictionary<string, string>(_files);
        foreach (var (name, text) in changes)
        {
            files[name] = text;
        }

        Secret.Publish(files);
        _files = files;
    }

    /// <summary>An Observer client of the relay over TLS, trusting the relay CA, presenting <paramref name="certificate"/> if given.</summary>
    public Observer.ObserverClient Client(X509Certificate2? certificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, presented, _, errors) => Trusted(presented, errors),
            },
        };
        var channel = GrpcChannel.ForAddress($"https://{Relay.ListenAddress}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _channels.Add(channel);
        return new Observer.ObserverClient(channel);
    }

    /// <summary>The certificate the relay presents to a new connection (a bare handshake, no request).</summary>
    public async Task<X509Certificate2> PresentedCertificateAsync()
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(Patience);
        await tcp.ConnectAsync(RelayEndPoint, timeout.Token);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "relay.hubble-relay.cilium.io",
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                RemoteCertificateValidationCallback = (_, presented, _, errors) => Trusted(presented, errors),
            },
            timeout.Token);
        return (X509Certificate2)ssl.RemoteCertificate!;
    }

    /// <summary>Reads a whole history answer through <paramref name="client"/>.</summary>
    public static async Task<List<GetFlowsResponse>> ReadAllAsync(Observer.ObserverClient client, GetFlowsRequest request)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var call = client.GetFlows(request, cancellationToken: timeout.Token);
        var responses = new List<GetFlowsResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>Waits until the relay's node list satisfies <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<NodeEntry>, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition(Relay.Directory.Nodes))
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (Relay.Directory.Subscribe(_ => changed.TrySetResult()))
            {
                if (condition(Relay.Directory.Nodes))
                {
                    return;
                }

                try
                {
                    await changed.Task.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"timed out waiting until {what}; nodes: " +
                        string.Join(", ", Relay.Directory.Nodes.Select(n => $"{n.Name}={n.State} ({n.LastError})")) +
                        $"; peer service: {Relay.Directory.PeerService}");
                }
            }
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it holds, failing after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        await Fleet.DisposeAsync();
        _loggers.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static bool Trusted(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is not X509Certificate2 certificate || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(RelayCa.Trust());
        return chain.Build(certificate);
    }
}

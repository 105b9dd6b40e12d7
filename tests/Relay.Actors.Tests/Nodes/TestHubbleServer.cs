using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Hubble.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Relay.Actors.Tests.Nodes;

/// <summary>
/// A tiny Hubble node on Kestrel: h2c (or TLS with a given certificate, optionally requiring a client certificate
/// from given CAs) on a free loopback port, h2c on a Unix socket, serving Observer (GetFlows, ServerStatus) and
/// optionally Peer/Notify. It records what it received and the bytes it sent.
/// </summary>
internal sealed class TestHubbleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHubbleServer(WebApplication app, TestObserver observer, int port, string socketPath)
    {
        _app = app;
        Observer = observer;
        Port = port;
        SocketPath = socketPath;
    }

    public TestObserver Observer { get; }

    public int Port { get; }

    public string SocketPath { get; }

    public static async Task<TestHubbleServer> StartAsync(
        bool withPeerService, X509Certificate2? certificate = null, X509Certificate2Collection? clientAuthorities = null)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"relay-test-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    o.UseHttps(Https(certificate, clientAuthorities));
                }
            });
            kestrel.ListenUnixSocket(socketPath, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var observer = new TestObserver();
        builder.Services.AddSingleton(observer);
        var app = builder.Build();
        app.MapGrpcService<TestObserver>();
        if (withPeerService)
        {
            app.MapGrpcService<TestPeer>();
        }

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var port = addresses.Select(a => new Uri(a)).Single(u => u.Scheme.StartsWith("http", StringComparison.Ordinal) && u.Host == "127.0.0.1").Port;
        return new TestHubbleServer(app, observer, port, socketPath);
    }

    private static HttpsConnectionAdapterOptions Https(X509Certificate2 certificate, X509Certificate2Collection? clientAuthorities)
    {
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (clientAuthorities is not null)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(clientAuthorities);
                return chain.Build(client);
            };
        }

        return https;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }

    public sealed class TestObserver : Hubble.Observer.Observer.ObserverBase
    {
        private static readonly Timestamp Start = new() { Seconds = 1_700_000_000, Nanos = 5 };

        public ConcurrentQueue<byte[]> SentBytes { get; } = new();

        public ConcurrentQueue<(GetFlowsRequest Request, Metadata Headers)> FlowCalls { get; } = new();

        public override async Task GetFlows(
            GetFlowsRequest request, IServerStreamWriter<GetFlowsResponse> responseStream, ServerCallContext context)
        {
            FlowCalls.Enqueue((request, context.RequestHeaders));
            for (var i = 0; i < (int)request.Number; i++)
            {
                var time = new Timestamp { Seconds = Start.Seconds + i, Nanos = Start.Nanos };
                var response = new GetFlowsResponse
                {
                    Flow = new Flow { Time = time, NodeName = "node-a", Uuid = $"flow-{i}", Verdict = Verdict.Forwarded },
                    NodeName = "node-a",
                    Time = time,
                };
                SentBytes.Enqueue(response.ToByteArray());
                await responseStream.WriteAsync(response);
            }
        }

        public override Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context) =>
            Task.FromResult(new ServerStatusResponse { Version = "test-node", NumFlows = 3, MaxFlows = 4095 });
    }

    public sealed class TestPeer : Peer.PeerBase
    {
        public override async Task Notify(
            NotifyRequest request, IServerStreamWriter<ChangeNotification> responseStream, ServerCallContext context)
        {
            await responseStream.WriteAsync(new ChangeNotification { Name = "test/a", Address = "10.0.0.1:4244", Type = ChangeNotificationType.PeerAdded });
            await responseStream.WriteAsync(new ChangeNotification { Name = "test/b", Address = "10.0.0.2:4244", Type = ChangeNotificationType.PeerAdded });
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // the client went away
            }
        }
    }
}

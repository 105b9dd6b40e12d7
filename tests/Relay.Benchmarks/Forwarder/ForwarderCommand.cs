using System.Net;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Relay.Benchmarks.E2e;

namespace Relay.Benchmarks.Forwarder;

/// <summary>
/// <c>Relay.Benchmarks forwarder --peer-service HOST:PORT --nodes N --port P [--metrics-port M]</c>: runs the raw
/// forwarder (the ceiling) as its own process, so its CPU and memory are measured the same way as the relay's. It
/// reads the node list once from the peer service and serves until killed; with <c>--metrics-port</c> it also
/// serves its GC counts and heap size on <c>GET /metrics</c> (HTTP/1.1), in the relay's Prometheus format.
/// </summary>
internal static class ForwarderCommand
{
    public const string Name = "forwarder";

    public static async Task<int> RunAsync(string[] args)
    {
        var values = CommandLineValues.Parse(args);
        var peerService = values.Require("--peer-service");
        var nodes = int.Parse(values.Require("--nodes"), System.Globalization.CultureInfo.InvariantCulture);
        var port = int.Parse(values.Require("--port"), System.Globalization.CultureInfo.InvariantCulture);
        var metricsPort = values.GetInt("--metrics-port");

        var addresses = await PeerList.ReadAsync(peerService, nodes, TimeSpan.FromMinutes(2));
        using var service = new RawForwarderService(addresses);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            if (metricsPort is { } metrics)
            {
                kestrel.Listen(IPAddress.Loopback, metrics, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<RawForwarderService>, RawForwarderMethodProvider>());
        await using var app = builder.Build();
        app.MapGrpcService<RawForwarderService>();
        app.MapGet("/metrics", () => GcCounts.OfThisProcess().ToPrometheus(GC.GetGCMemoryInfo().HeapSizeBytes));
        await app.RunAsync();
        return 0;
    }
}

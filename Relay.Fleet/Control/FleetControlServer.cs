using System.Globalization;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Relay.Fleet.Control;

/// <summary>
/// A tiny HTTP/1.1 JSON endpoint for injecting faults into a running fleet by hand (curl):
/// list nodes, add/remove/move them, stop/start/pause/resume them, slow them, make them fail,
/// stop/start the peer service. <c>GET /</c> lists the routes.
/// </summary>
public sealed class FleetControlServer : IAsyncDisposable
{
    /// <summary>The routes, as <c>GET /</c> prints them.</summary>
    public const string Usage = """
        GET    /nodes                                  list nodes and their counters
        POST   /nodes?name=NAME                        add a node (name optional)
        DELETE /nodes/NAME                             remove a node
        POST   /nodes/NAME/stop | start | restart      close / reopen the node's port
        POST   /nodes/NAME/pause | resume              stop / restart flow production
        POST   /nodes/NAME/move                        move the node to a new port (PEER_UPDATED)
        POST   /nodes/NAME/delay?ms=250                delay every message the node sends
        POST   /nodes/NAME/rate?fps=100                change the node's flows per second
        POST   /nodes/NAME/produce?count=10            produce flows now
        POST   /nodes/NAME/fail?code=Unavailable&message=down&count=3
                                                       fail the next requests (count optional: all)
        POST   /nodes/NAME/clear                       stop failing requests
        GET    /peer                                   peer service state
        POST   /peer/stop | start                      close / reopen the peer service port
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly WebApplication _app;

    private FleetControlServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Serves the control routes for <paramref name="fleet"/> on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    public static async Task<FleetControlServer> StartAsync(SimulatedFleet fleet, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        Map(app, fleet);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single();
        var server = new FleetControlServer(app, new Uri(address).Port);
        FleetLog.ControlListening(loggerFactory.CreateLogger<FleetControlServer>(), server.Url);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(FleetDefaults.ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposing aborts what is left.
        }

        await _app.DisposeAsync();
    }

    private static void Map(IEndpointRouteBuilder routes, SimulatedFleet fleet)
    {
        routes.MapGet("/", () => Results.Text(Usage));
        routes.MapGet("/nodes", () => Results.Json(fleet.Nodes.Select(NodeView.Of), Json));
        routes.MapPost("/nodes", async (HttpContext http) =>
        {
            var name = http.Request.Query["name"].FirstOrDefault();
            var node = await fleet.AddNodeAsync(string.IsNullOrEmpty(name) ? null : name, http.RequestAborted);
            return Results.Json(NodeView.Of(node), Json, statusCode: StatusCodes.Status201Created);
        });
        routes.MapDelete("/nodes/{name}", async (string name, HttpContext http) =>
        {
            await fleet.RemoveNodeAsync(name, http.RequestAborted);
            return Results.NoContent();
        });
        routes.MapPost("/nodes/{name}/{action}", (string name, string action, HttpContext http) => NodeActionAsync(fleet, name, action, http.Request.Query));
        routes.MapGet("/peer", () => Results.Json(PeerView(fleet), Json));
        routes.MapPost("/peer/{action}", async (string action) =>
        {
            switch (action)
            {
                case "stop":
                    await fleet.StopPeerServiceAsync();
                    break;
                case "start":
                    await fleet.StartPeerServiceAsync();
                    break;
                default:
                    return Results.NotFound(new { error = $"unknown peer action '{action}'" });
            }

            return Results.Json(PeerView(fleet), Json);
        });
    }

    private static object PeerView(SimulatedFleet fleet) =>
        new { address = fleet.PeerAddress, running = fleet.IsPeerServiceRunning, openNotifyStreams = fleet.OpenPeerNotifyStreams };

    private static async Task<IResult> NodeActionAsync(SimulatedFleet fleet, string name, string action, IQueryCollection query)
    {
        SimulatedNode node;
        try
        {
            node = fleet.Node(name);
        }
        catch (KeyNotFoundException e)
        {
            return Results.NotFound(new { error = e.Message });
        }

        try
        {
            switch (action)
            {
                case "stop":
                    await node.StopAsync();
                    break;
                case "start":
                    await node.StartAsync();
                    break;
                case "restart":
                    await node.RestartAsync();
                    break;
                case "pause":
                    node.Pause();
                    break;
                case "resume":
                    node.Resume();
                    break;
                case "move":
                    await fleet.MoveNodeAsync(name);
                    break;
                case "delay":
                    node.SendDelay = TimeSpan.FromMilliseconds(Number(query, "ms"));
                    break;
                case "rate":
                    node.FlowsPerSecond = Number(query, "fps");
                    break;
                case "produce":
                    node.ProduceFlows((int)Number(query, "count"));
                    break;
                case "fail":
                    var code = Enum.Parse<StatusCode>(query["code"].FirstOrDefault() ?? nameof(StatusCode.Unavailable), ignoreCase: true);
                    var count = query.ContainsKey("count") ? (int?)Number(query, "count") : null;
                    node.FailRequests(code, query["message"].FirstOrDefault() ?? "injected failure", count);
                    break;
                case "clear":
                    node.ClearFailures();
                    break;
                default:
                    return Results.NotFound(new { error = $"unknown node action '{action}'" });
            }
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }

        return Results.Json(NodeView.Of(node), Json);
    }

    private static double Number(IQueryCollection query, string key) =>
        double.TryParse(query[key].FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"query parameter '{key}' must be a number");
}

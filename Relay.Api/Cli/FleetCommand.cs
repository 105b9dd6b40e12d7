using System.CommandLine;
using Microsoft.Extensions.Logging;
using Relay.Fleet;
using Relay.Fleet.Control;

namespace Relay.Api.Cli;

/// <summary>
/// <c>hubble-relay fleet</c>: runs a simulated Hubble fleet (a peer service and N Observer nodes on loopback)
/// with a small HTTP control endpoint for injecting faults, until Ctrl+C or SIGTERM.
/// </summary>
internal static class FleetCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Number of simulated nodes.", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Flows per second each node produces.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the flow contents (same seed, same flows).", DefaultValueFactory = _ => 1 };
        var basePort = new Option<int>("--base-port") { Description = "Port of the first node (node i listens on base-port + i); 0 = free ports.", DefaultValueFactory = _ => 4250 };
        var peerPort = new Option<int>("--peer-port") { Description = "Port of the peer service; 0 = a free port.", DefaultValueFactory = _ => 4244 };
        var controlPort = new Option<int>("--control-port") { Description = "Port of the HTTP control endpoint; 0 = a free port, -1 = none.", DefaultValueFactory = _ => 4249 };
        var ringCapacity = new Option<int>("--ring-capacity") { Description = "Flows each node keeps.", DefaultValueFactory = _ => FleetDefaults.RingCapacity };
        var prefill = new Option<int?>("--prefill") { Description = "History each node holds at start (default: a full ring)." };
        var clusterName = new Option<string>("--cluster-name") { Description = "Cluster name; other than \"default\" it prefixes node names.", DefaultValueFactory = _ => FleetDefaults.ClusterName };

        var command = new Command("fleet", "Run a simulated Hubble fleet (peer service + nodes) on loopback until Ctrl+C.")
        {
            nodes, rate, seed, basePort, peerPort, controlPort, ringCapacity, prefill, clusterName,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var options = new FleetOptions
            {
                Nodes = result.GetValue(nodes),
                FlowsPerSecond = result.GetValue(rate),
                Seed = result.GetValue(seed),
                BasePort = result.GetValue(basePort),
                PeerPort = result.GetValue(peerPort),
                RingCapacity = result.GetValue(ringCapacity),
                PrefillFlows = result.GetValue(prefill),
                ClusterName = result.GetValue(clusterName) ?? FleetDefaults.ClusterName,
            };
            return RunAsync(options, result.GetValue(controlPort), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(FleetOptions options, int controlPort, CancellationToken cancellationToken)
    {
        var errors = options.Validate();
        if (controlPort is < -1 or > 65535)
        {
            errors = [.. errors, $"--control-port must be -1, 0 or a port (got {controlPort})"];
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"fleet: {error}");
            }

            return 1;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning));

        SimulatedFleet fleet;
        try
        {
            fleet = await SimulatedFleet.StartAsync(options, loggerFactory, cancellationToken);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"fleet: cannot listen on the requested ports ({e.Message}); try other --peer-port/--base-port or 0 for free ports");
            return 1;
        }

        await using (fleet)
        {
            FleetControlServer? control = null;
            try
            {
                if (controlPort >= 0)
                {
                    control = await FleetControlServer.StartAsync(fleet, controlPort, loggerFactory, cancellationToken);
                }

                PrintUsage(fleet, control);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine("Stopping the fleet.");
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"fleet: cannot listen on control port {controlPort} ({e.Message}); use --control-port 0 or -1");
                return 1;
            }
            finally
            {
                if (control is not null)
                {
                    await control.DisposeAsync();
                }
            }
        }

        return 0;
    }

    private static void PrintUsage(SimulatedFleet fleet, FleetControlServer? control)
    {
        var options = fleet.Options;
        Console.WriteLine($"Simulated Hubble fleet (cluster \"{options.ClusterName}\", seed {options.Seed}): {fleet.Nodes.Count} nodes, {options.FlowsPerSecond} flows/s each, ring of {options.RingCapacity}");
        Console.WriteLine($"  peer service   {fleet.PeerAddress,-21}  peer.Peer/Notify");
        const int shown = 10;
        foreach (var node in fleet.Nodes.Take(shown))
        {
            Console.WriteLine($"  {node.PeerName,-14} {node.Address,-21}  tls {node.TlsServerName}");
        }

        if (fleet.Nodes.Count > shown)
        {
            Console.WriteLine($"  ... and {fleet.Nodes.Count - shown} more nodes (GET /nodes on the control endpoint lists them all)");
        }

        if (control is not null)
        {
            Console.WriteLine($"  control        {control.Url,-21}  curl {control.Url}/ lists the routes");
        }

        Console.WriteLine();
        Console.WriteLine("Use it:");
        Console.WriteLine($"  hubble-relay serve --peer-service {fleet.PeerAddress} --disable-client-tls --disable-server-tls");
        if (fleet.Nodes.Count > 0)
        {
            var node = fleet.Nodes[0];
            Console.WriteLine($"  hubble observe --server {node.Address} --last 20      (one node directly)");
            if (control is not null)
            {
                Console.WriteLine($"  curl -X POST {control.Url}/nodes/{node.Name}/stop    (then .../start, /pause, /delay?ms=500, /fail?code=Unavailable)");
            }
        }

        Console.WriteLine("Ctrl+C stops the fleet.");
    }
}

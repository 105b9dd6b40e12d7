using System.CommandLine;
using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;
using Relay.Api.Hosting;
using Relay.Fleet;

namespace Relay.Api.Cli;

/// <summary>
/// <c>hubble-relay demo</c>: the relay and a simulated Hubble fleet in one process, on loopback, so anyone can
/// point <c>hubble observe</c> at a working relay without a cluster. Runs until Ctrl+C or SIGTERM.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Number of simulated Hubble nodes.", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Flows per second each node produces.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the flow contents.", DefaultValueFactory = _ => 1 };
        var listen = new Option<string>("--listen-address") { Description = "Observer API address.", DefaultValueFactory = _ => "127.0.0.1" + RelayDefaults.ListenAddress };
        var health = new Option<string>("--health-listen-address") { Description = "gRPC health address.", DefaultValueFactory = _ => "127.0.0.1" + RelayDefaults.HealthListenAddress };
        var logLevel = new Option<string>("--log-level") { Description = "Log level (debug, info, warning, error).", DefaultValueFactory = _ => "warning" };

        var command = new Command("demo", "Run the relay with a simulated fleet on loopback, ready for `hubble observe --server localhost:4245`.")
        {
            nodes, rate, seed, listen, health, logLevel,
        };
        command.SetAction((result, ct) => RunAsync(
            new FleetOptions { Nodes = result.GetValue(nodes), FlowsPerSecond = result.GetValue(rate), Seed = result.GetValue(seed) },
            result.GetValue(listen)!,
            result.GetValue(health)!,
            result.GetValue(logLevel)!,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(FleetOptions fleetOptions, string listen, string health, string logLevel, CancellationToken ct)
    {
        var fleetErrors = fleetOptions.Validate();
        if (fleetErrors.Count > 0)
        {
            foreach (var error in fleetErrors)
            {
                await Console.Error.WriteLineAsync($"error: demo: {error}");
            }

            return 1;
        }

        await using var fleet = await SimulatedFleet.StartAsync(fleetOptions, cancellationToken: ct);
        string[] args =
        [
            "--peer-service", fleet.PeerAddress,
            "--listen-address", listen,
            "--health-listen-address", health,
            "--log-level", logLevel,
            "--disable-server-tls", "--disable-client-tls",
        ];

        // The demo is self-contained: no RELAY_* variables and no /etc/hubble-relay/config.yaml apply to it.
        var loaded = RelayOptionsLoader.Load(args, new Dictionary<string, string>(), new NoConfigFileSystem());
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
            }

            return 1;
        }

        return await RelayRunner.RunAsync(loaded.Options!, null, host => WhenNodesConnectedAsync(fleet, host), ct);
    }

    /// <summary>Prints how to connect once the relay knows the fleet, so a first query already sees flows.</summary>
    private static async Task WhenNodesConnectedAsync(SimulatedFleet fleet, RelayHost host)
    {
        await host.Directory.WaitForInitialSyncAsync(TimeSpan.FromSeconds(10));
        var server = host.ListenAddress.StartsWith("127.0.0.1:", StringComparison.Ordinal)
            ? "localhost" + host.ListenAddress["127.0.0.1".Length..]
            : host.ListenAddress;
        Console.WriteLine($"Relay demo: {fleet.Nodes.Count} simulated Hubble nodes, peer service on {fleet.PeerAddress}.");
        Console.WriteLine($"Relay serving on {host.ListenAddress} (gRPC health on {host.HealthAddress}). Connect with:");
        Console.WriteLine();
        Console.WriteLine($"    hubble observe --server {server} --last 20");
        Console.WriteLine($"    hubble observe --server {server} --follow");
        Console.WriteLine($"    hubble list nodes --server {server}");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    /// <summary>A file system in which the default config file does not exist.</summary>
    private sealed class NoConfigFileSystem : IRelayFileSystem
    {
        private readonly PhysicalRelayFileSystem _files = new();

        public FileAccessResult ReadAllText(string path) =>
            path == RelayDefaults.ConfigFilePath ? new FileAccessResult(FileAccessStatus.Missing) : _files.ReadAllText(path);

        public FileAccessResult Probe(string path) =>
            path == RelayDefaults.ConfigFilePath ? new FileAccessResult(FileAccessStatus.Missing) : _files.Probe(path);
    }
}

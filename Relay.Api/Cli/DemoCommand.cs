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
        var replicas = new Option<int>("--replicas")
        {
            Description = "Relay replicas forming one scale-out cluster (each on the next ports: 4245, 4246, ...).",
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("demo", "Run the relay with a simulated fleet on loopback, ready for `hubble observe --server localhost:4245`.")
        {
            nodes, rate, seed, listen, health, logLevel, replicas,
        };
        command.SetAction((result, ct) => RunAsync(
            new FleetOptions { Nodes = result.GetValue(nodes), FlowsPerSecond = result.GetValue(rate), Seed = result.GetValue(seed) },
            result.GetValue(listen)!,
            result.GetValue(health)!,
            result.GetValue(logLevel)!,
            result.GetValue(replicas),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(
        FleetOptions fleetOptions, string listen, string health, string logLevel, int replicas, CancellationToken ct)
    {
        var errors = fleetOptions.Validate().ToList();
        if (replicas is < 1 or > 9)
        {
            errors.Add("--replicas must be between 1 and 9");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"error: demo: {error}");
            }

            return 1;
        }

        await using var fleet = await SimulatedFleet.StartAsync(fleetOptions, cancellationToken: ct);
        if (replicas == 1)
        {
            return await RunReplicaAsync(Arguments(fleet, listen, health, logLevel), host => PrintAsync(fleet, [host]), ct);
        }

        // A scale-out cluster on loopback: the first replica founds it, the others join it as their seed node.
        var started = Enumerable.Range(0, replicas).Select(_ => new TaskCompletionSource<RelayHost>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var runs = new List<Task<int>>();
        for (var i = 0; i < replicas; i++)
        {
            var args = Arguments(fleet, AddressSyntax.OffsetPort(listen, i), AddressSyntax.OffsetPort(health, i), logLevel)
                .Concat(["--scale-out", "--scale-out-listen-address", "127.0.0.1:0"]);
            if (i > 0)
            {
                var founder = await Task.WhenAny(started[0].Task, runs[0]);
                if (founder != started[0].Task)
                {
                    return await runs[0];
                }

                args = args.Concat(["--scale-out-seed-nodes", started[0].Task.Result.ScaleOutAddress]);
            }

            var self = started[i];
            runs.Add(RunReplicaAsync(args.ToArray(), host => OnReplicaStarted(host, self), ct));
        }

        var all = Task.WhenAll(started.Select(s => s.Task));
        if (await Task.WhenAny(all, Task.WhenAny(runs)) == all)
        {
            await PrintAsync(fleet, await all);
        }

        return (await Task.WhenAll(runs)).Max();
    }

    private static Task OnReplicaStarted(RelayHost host, TaskCompletionSource<RelayHost> started)
    {
        started.TrySetResult(host);
        return Task.CompletedTask;
    }

    private static string[] Arguments(SimulatedFleet fleet, string listen, string health, string logLevel) =>
    [
        "--peer-service", fleet.PeerAddress,
        "--listen-address", listen,
        "--health-listen-address", health,
        "--log-level", logLevel,
        "--disable-server-tls", "--disable-client-tls",
    ];

    private static async Task<int> RunReplicaAsync(string[] args, Func<RelayHost, Task> onStarted, CancellationToken ct)
    {
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

        return await RelayRunner.RunAsync(loaded.Options!, null, onStarted, ct);
    }

    /// <summary>Prints how to connect once the relays know the fleet, so a first query already sees flows.</summary>
    private static async Task PrintAsync(SimulatedFleet fleet, IReadOnlyList<RelayHost> hosts)
    {
        foreach (var host in hosts)
        {
            await host.Directory.WaitForInitialSyncAsync(TimeSpan.FromSeconds(10));
        }

        var first = hosts[0];
        var server = Client(first.ListenAddress);
        Console.WriteLine($"Relay demo: {fleet.Nodes.Count} simulated Hubble nodes, peer service on {fleet.PeerAddress}.");
        foreach (var host in hosts)
        {
            var replica = hosts.Count > 1 ? $" (replica at {host.ScaleOutAddress})" : string.Empty;
            Console.WriteLine($"Relay serving on {host.ListenAddress} (gRPC health on {host.HealthAddress}){replica}.");
        }

        Console.WriteLine("Connect with:");
        Console.WriteLine();
        Console.WriteLine($"    hubble observe --server {server} --last 20");
        Console.WriteLine($"    hubble observe --server {server} --follow");
        Console.WriteLine($"    hubble list nodes --server {server}");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private static string Client(string address) =>
        address.StartsWith("127.0.0.1:", StringComparison.Ordinal) ? "localhost" + address["127.0.0.1".Length..] : address;

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

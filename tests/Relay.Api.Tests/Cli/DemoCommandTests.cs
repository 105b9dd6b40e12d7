using System.Diagnostics;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hubble.Observer;

namespace Relay.Api.Tests.Cli;

/// <summary>The README's first command, run as a user would: a real process, then a client against it.</summary>
public sealed partial class DemoCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Demo_PrintsHowToConnect_ServesMergedFlows_AndExitsCleanlyOnSigterm()
    {
        using var demo = StartRelayProcess("demo", "--nodes", "3", "--listen-address", "127.0.0.1:0", "--health-listen-address", "127.0.0.1:0");
        try
        {
            var (server, health) = await ReadAddressesAsync(demo);

            using var channel = GrpcChannel.ForAddress($"http://{server}");
            using var timeout = new CancellationTokenSource(Patience);
            var client = new Observer.ObserverClient(channel);
            var flows = new List<GetFlowsResponse>();
            using (var call = client.GetFlows(new GetFlowsRequest { Number = 20 }, cancellationToken: timeout.Token))
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
                {
                    if (response.Flow is not null)
                    {
                        flows.Add(response);
                    }
                }
            }

            Assert.Equal(20, flows.Count);
            Assert.True(flows.Select(f => f.NodeName).Distinct().Count() > 1, "flows should come from several nodes");
            using var healthChannel = GrpcChannel.ForAddress($"http://{health}");
            var status = await new global::Grpc.Health.V1.Health.HealthClient(healthChannel).CheckAsync(new HealthCheckRequest(), cancellationToken: timeout.Token);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);

            Signal(demo, "TERM");
            await demo.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, demo.ExitCode);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task DemoWithReplicas_EveryReplicaServesTheWholeFleet_AndAllExitCleanlyOnSigterm()
    {
        using var demo = StartRelayProcess(
            "demo", "--nodes", "4", "--replicas", "3", "--listen-address", "127.0.0.1:0", "--health-listen-address", "127.0.0.1:0");
        try
        {
            var servers = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                servers.Add((await ReadAddressesAsync(demo)).Server);
            }

            Assert.Equal(3, servers.Distinct().Count());
            using var timeout = new CancellationTokenSource(Patience);
            foreach (var server in servers)
            {
                using var channel = GrpcChannel.ForAddress($"http://{server}");
                var client = new Observer.ObserverClient(channel);
                var nodes = await client.GetNodesAsync(new GetNodesRequest(), cancellationToken: timeout.Token);
                Assert.Equal(4, nodes.Nodes.Count);
                var flows = new List<GetFlowsResponse>();
                using var call = client.GetFlows(new GetFlowsRequest { Number = 20 }, cancellationToken: timeout.Token);
                await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
                {
                    if (response.Flow is not null)
                    {
                        flows.Add(response);
                    }
                }

                Assert.Equal(20, flows.Count);
                Assert.True(flows.Select(f => f.NodeName).Distinct().Count() > 1, $"flows from {server} should come from several nodes");
            }

            Signal(demo, "TERM");
            await demo.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, demo.ExitCode);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Version_PrintsHubbleRelayAndTheVersion()
    {
        using var process = StartRelayProcess("version");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"^hubble-relay \d+\.\d+\.\d+", output);
    }

    internal static Process StartRelayProcess(params string[] args)
    {
        var relay = Path.Combine(AppContext.BaseDirectory, "hubble-relay.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(relay);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start hubble-relay");
    }

    internal static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static async Task<(string Server, string Health)> ReadAddressesAsync(Process demo)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await demo.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ServingLine().Match(line);
            if (match.Success)
            {
                return (match.Groups["server"].Value, match.Groups["health"].Value);
            }
        }

        Assert.Fail("demo ended without printing where it serves: " + await demo.StandardError.ReadToEndAsync());
        return default;
    }

    [GeneratedRegex(@"Relay serving on (?<server>\S+) \(gRPC health on (?<health>[^)]+)\)")]
    private static partial Regex ServingLine();
}

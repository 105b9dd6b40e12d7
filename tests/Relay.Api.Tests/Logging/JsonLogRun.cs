using System.Text.Json;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;

namespace Relay.Api.Tests.Logging;

/// <summary>
/// One run of the real relay with <c>--log-format json</c> at the default (info) level over a simulated fleet:
/// started, asked for every flow, then stopped with SIGTERM. The tests read what it printed.
/// </summary>
public sealed class JsonLogRun : IAsyncLifetime
{
    public const int Nodes = 2;
    public const int Prefill = 30;

    public IReadOnlyList<string> Stdout { get; private set; } = [];

    public IReadOnlyList<GetFlowsResponse> Responses { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetOptions { Nodes = Nodes, FlowsPerSecond = 0, PrefillFlows = Prefill, Seed = 5 });
        using var relay = RelayProcess.Start(
            "serve", "--peer-service", fleet.PeerAddress, "--listen-address", "127.0.0.1:0", "--health-listen-address", "127.0.0.1:0",
            "--metrics-listen-address", "127.0.0.1:0", "--disable-server-tls", "--disable-client-tls", "--log-format", "json");

        var serving = await relay.WaitForLineAsync(line => line.Contains("\"EventId\":1000,", StringComparison.Ordinal));
        var address = JsonDocument.Parse(serving).RootElement.GetProperty("State").GetProperty("ListenAddress").GetString();
        await relay.WaitForLineAsync(line => line.Contains("Peer list complete", StringComparison.Ordinal));
        using var channel = GrpcChannel.ForAddress($"http://{address}");
        var client = new Observer.ObserverClient(channel);
        Responses = await ReadAllAsync(client, new GetFlowsRequest { Number = Nodes * Prefill });

        var exitCode = await relay.TerminateAsync();
        Assert.True(exitCode == 0 && relay.Stderr.Count == 0, $"exit code {exitCode}; stderr: {string.Join('\n', relay.Stderr)}");
        Stdout = relay.Stdout;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<GetFlowsResponse>> ReadAllAsync(Observer.ObserverClient client, GetFlowsRequest request)
    {
        using var timeout = new CancellationTokenSource(RelayHarness.Patience);
        using var call = client.GetFlows(request, cancellationToken: timeout.Token);
        var responses = new List<GetFlowsResponse>();
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            responses.Add(call.ResponseStream.Current);
        }

        return responses;
    }
}

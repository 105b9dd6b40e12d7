using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting;
using Relay.Fleet;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>
/// A simulated fleet and a relay following its peer service, both on free loopback ports, plus an Observer
/// client pointed at the relay the way <c>hubble observe --server</c> would be.
/// </summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private RelayHarness(SimulatedFleet fleet, RelayHost relay, GrpcChannel channel)
    {
        Fleet = fleet;
        Relay = relay;
        Channel = channel;
        Client = new Observer.ObserverClient(channel);
    }

    public SimulatedFleet Fleet { get; }

    public RelayHost Relay { get; }

    public GrpcChannel Channel { get; }

    public Observer.ObserverClient Client { get; }

    public static Task<RelayHarness> StartAsync(FleetOptions fleetOptions, params string[] relayArgs) =>
        StartAsync(fleetOptions, options => options, relayArgs);

    /// <summary>Starts with options no flag sets, adjusted by <paramref name="adjust"/>.</summary>
    public static async Task<RelayHarness> StartAsync(FleetOptions fleetOptions, Func<RelayOptions, RelayOptions> adjust, params string[] relayArgs)
    {
        var fleet = await SimulatedFleet.StartAsync(fleetOptions);
        var relay = await StartRelayAsync(fleet.PeerAddress, adjust, relayArgs);
        var harness = new RelayHarness(fleet, relay, GrpcChannel.ForAddress($"http://{relay.ListenAddress}"));
        await harness.WaitUntilConnectedAsync(fleet.Nodes.Count);
        return harness;
    }

    public static Task<RelayHost> StartRelayAsync(string peerService, params string[] relayArgs) =>
        StartRelayAsync(peerService, options => options, relayArgs);

    public static async Task<RelayHost> StartRelayAsync(string peerService, Func<RelayOptions, RelayOptions> adjust, params string[] relayArgs)
    {
        string[] args =
        [
            "--peer-service", peerService,
            "--listen-address", "127.0.0.1:0",
            "--health-listen-address", "127.0.0.1:0",
            "--disable-server-tls", "--disable-client-tls",
            "--dial-timeout", "2s", "--retry-timeout", "1s",
            .. relayArgs,
        ];
        var loaded = RelayOptionsLoader.Load(args, new Dictionary<string, string>(), new PhysicalRelayFileSystem());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return await RelayHost.StartAsync(adjust(loaded.Options!), NullLoggerFactory.Instance);
    }

    /// <summary>Waits until the relay reports this many nodes connected.</summary>
    public async Task WaitUntilConnectedAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (Relay.Directory.Nodes.Count(n => n.State == NodeState.Connected) != count)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (Relay.Directory.Subscribe(_ => changed.TrySetResult()))
            {
                if (Relay.Directory.Nodes.Count(n => n.State == NodeState.Connected) == count)
                {
                    return;
                }

                await changed.Task.WaitAsync(timeout.Token);
            }
        }
    }

    /// <summary>Reads a whole history answer.</summary>
    public async Task<List<GetFlowsResponse>> ReadAllAsync(GetFlowsRequest request)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var call = Client.GetFlows(request, cancellationToken: timeout.Token);
        var responses = new List<GetFlowsResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            responses.Add(response);
        }

        return responses;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Relay.DisposeAsync();
        await Fleet.DisposeAsync();
    }
}

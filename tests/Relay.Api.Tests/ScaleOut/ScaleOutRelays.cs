using Akka.Cluster;
using Akka.Configuration;
using Grpc.Net.Client;
using Hubble.Observer;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Actors.Peers;
using Relay.Api.Configuration;
using Relay.Api.Hosting;
using Relay.Fleet;
using Relay.Tests.Shared;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Relays started with <c>--scale-out</c> on loopback, each on its own free ports, forming one relay cluster
/// against a simulated fleet: the first founds it, the others list it as their seed node.
/// </summary>
internal sealed class ScaleOutRelays : IAsyncDisposable
{
    private readonly List<RelayHost> _relays = [];
    private readonly List<GrpcChannel> _channels = [];

    private ScaleOutRelays(SimulatedFleet fleet) => Fleet = fleet;

    public SimulatedFleet Fleet { get; }

    public IReadOnlyList<RelayHost> All => _relays;

    /// <summary>Adds a started relay, so that it is disposed with the others.</summary>
    public void Add(RelayHost relay) => _relays.Add(relay);

    /// <param name="fleetOptions">The fleet every relay follows.</param>
    /// <param name="count">How many relays form the cluster.</param>
    /// <param name="args">Flags every relay gets besides the scale-out ones.</param>
    /// <param name="adjust">Options no flag sets, for every relay.</param>
    public static async Task<ScaleOutRelays> StartAsync(
        FleetOptions fleetOptions, int count, string[]? args = null, Func<RelayOptions, RelayOptions>? adjust = null)
    {
        var relays = new ScaleOutRelays(await SimulatedFleet.StartAsync(fleetOptions));
        try
        {
            for (var i = 0; i < count; i++)
            {
                string[] seeds = i == 0 ? [] : ["--scale-out-seed-nodes", relays._relays[0].ScaleOutAddress];
                relays._relays.Add(await StartRelayAsync(relays.Fleet.PeerAddress, [.. seeds, .. args ?? []], adjustOptions: adjust));
            }

            return relays;
        }
        catch
        {
            await relays.DisposeAsync();
            throw;
        }
    }

    public static async Task<RelayHost> StartRelayAsync(
        string peerService,
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<ScaleOutOptions, ScaleOutOptions>? adjust = null,
        Func<RelayOptions, RelayOptions>? adjustOptions = null)
    {
        string[] all =
        [
            "--peer-service", peerService,
            "--listen-address", "127.0.0.1:0",
            "--health-listen-address", "127.0.0.1:0",
            "--disable-server-tls", "--disable-client-tls",
            "--dial-timeout", "2s", "--retry-timeout", "1s",
            "--scale-out", "--scale-out-listen-address", "127.0.0.1:0",
            .. args,
        ];
        var loaded = RelayOptionsLoader.Load(all, environment ?? new Dictionary<string, string>(), new PhysicalRelayFileSystem());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var options = (adjustOptions ?? (o => o))(loaded.Options! with { ScaleOut = (adjust ?? (s => s))(loaded.Options!.ScaleOut!) });
        return await RelayHost.StartAsync(options, NullLoggerFactory.Instance, ConfigurationFactory.ParseString(ClusterTestTimings.Hocon));
    }

    /// <summary>An Observer client of <paramref name="relay"/>.</summary>
    public Observer.ObserverClient Client(RelayHost relay)
    {
        var channel = GrpcChannel.ForAddress($"http://{relay.ListenAddress}");
        _channels.Add(channel);
        return new Observer.ObserverClient(channel);
    }

    /// <summary>
    /// Waits until every relay of <paramref name="relays"/> lists every fleet node Connected, owned by one of them;
    /// with <paramref name="balanced"/>, also until rebalancing has shared the nodes out evenly.
    /// </summary>
    public Task AllConnectedAsync(IReadOnlyCollection<RelayHost> relays, bool balanced = false) =>
        Polling.UntilAsync(() =>
        {
            var owners = relays.Select(OwnerName).ToList();
            if (balanced)
            {
                var counts = owners.Select(o => relays.First().Directory.Nodes.Count(n => n.Owner == o)).ToList();
                Assert.True(counts.Min() >= 1 && counts.Max() - counts.Min() <= 1, $"nodes per relay: {string.Join(", ", counts)}");
            }

            var ownerOf = relays.First().Directory.Nodes.ToDictionary(n => n.Name, n => n.Owner);
            foreach (var relay in relays)
            {
                var nodes = relay.Directory.Nodes;
                Assert.Equal(Fleet.Nodes.Select(n => n.PeerName).Order(), nodes.Select(n => n.Name));
                Assert.All(nodes, n => Assert.Equal(NodeState.Connected, n.State));
                Assert.All(nodes, n => Assert.Contains(n.Owner, owners));
                Assert.Equal(ownerOf, nodes.ToDictionary(n => n.Name, n => n.Owner)); // one cluster: they agree
                Assert.Equal(relays.Count, AkkaCluster.Get(relay.ActorSystem).State.Members.Count(m => m.Status == MemberStatus.Up));
            }
        });

    /// <summary>
    /// Crashes <paramref name="relay"/> as a killed process would: its actor system stops without leaving the cluster
    /// (its node connections close with it); the others notice it unreachable and down it.
    /// </summary>
    public static async Task CrashAsync(RelayHost relay)
    {
        await relay.ActorSystem.Terminate().WaitAsync(Polling.Patience);
        await relay.Lost.WaitAsync(Polling.Patience);
    }

    /// <summary>The cluster address of <paramref name="relay"/>, as <see cref="NodeEntry.Owner"/> names it.</summary>
    public static string OwnerName(RelayHost relay) => "akka.tcp://hubble-relay@" + relay.ScaleOutAddress;

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }

        await Fleet.DisposeAsync();
    }
}

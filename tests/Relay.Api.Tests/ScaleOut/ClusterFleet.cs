using Grpc.Core;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Actors.Nodes;
using Relay.Api.Hosting;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;
using Relay.Streams.Wire;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// Three relays with <c>--scale-out</c> forming one relay cluster, and one single relay beside them, over one fleet
/// of <see cref="NodeCount"/> nodes that produce only when a test tells them to: what every replica answers can be
/// compared with what one relay answers over the same nodes. Shared by the tests of <see cref="ClusterFleetCollection"/>,
/// which run one after the other and leave no query open.
/// </summary>
public sealed class ClusterFleet : IAsyncLifetime
{
    public const int NodeCount = 12;

    /// <summary>Each follower's buffer in a shared stream: small, so a stalled follower overflows soon.</summary>
    public const int FollowerBuffer = 64;

    private readonly List<GrpcChannel> _channels = [];

    internal ScaleOutRelays Cluster { get; private set; } = null!;

    /// <summary>A single relay (no <c>--scale-out</c>) over the same fleet, the reference answers come from.</summary>
    internal RelayHost Single { get; private set; } = null!;

    internal IReadOnlyList<RelayHost> Replicas => Cluster.All;

    internal SimulatedFleet Fleet => Cluster.Fleet;

    public async Task InitializeAsync()
    {
        // Rings large enough that nothing a test produces pushes the prefilled history out.
        var fleet = new FleetOptions { Nodes = NodeCount, FlowsPerSecond = 0, PrefillFlows = 100, RingCapacity = 20_000, Seed = 11 };
        string[] metrics = ["--metrics-listen-address", "127.0.0.1:0"];
        Cluster = await ScaleOutRelays.StartAsync(fleet, 3, metrics, o => o with { SharedFollowBuffer = FollowerBuffer });
        Single = await RelayHarness.StartRelayAsync(Fleet.PeerAddress, o => o with { SharedFollowBuffer = FollowerBuffer }, metrics);
        await Cluster.AllConnectedAsync(Replicas, balanced: true);
        await Polling.UntilAsync(() => Assert.Equal(NodeCount, Single.Directory.Nodes.Count(n => n.State == Actors.Peers.NodeState.Connected)));
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        if (Single is not null)
        {
            await Single.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>An Observer client of <paramref name="relay"/> on a connection of its own, as <c>hubble observe</c> has.</summary>
    internal Observer.ObserverClient Client(RelayHost relay) => new(Channel(relay));

    /// <summary>A whole GetFlows answer, each response as the bytes the relay sent.</summary>
    internal async Task<List<RawFlowResponse>> ReadRawAsync(RelayHost relay, GetFlowsRequest request)
    {
        using var timeout = new CancellationTokenSource(Polling.Patience);
        using var call = Channel(relay).CreateCallInvoker().AsyncServerStreamingCall(
            RawObserverMethods.GetFlows, null, new CallOptions(cancellationToken: timeout.Token), request);
        var responses = new List<RawFlowResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>Waits until every fleet node has exactly <paramref name="count"/> GetFlows streams open.</summary>
    internal Task NodeStreamsAsync(int count) =>
        Polling.UntilAsync(() => Assert.All(Fleet.Nodes, n => Assert.True(
            n.OpenGetFlowsStreams == count, $"{n.PeerName} has {n.OpenGetFlowsStreams} GetFlows streams open, not {count}")));

    private GrpcChannel Channel(RelayHost relay)
    {
        var channel = GrpcChannel.ForAddress($"http://{relay.ListenAddress}");
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return channel;
    }
}

using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hubble.Observer;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>ServerStatus, GetNodes, GetNamespaces, events and health through a real relay, checked against the fleet.</summary>
public sealed class ObserverApiTests : IAsyncLifetime
{
    private const int Nodes = 4;
    private RelayHarness _relay = null!;

    public async Task InitializeAsync() =>
        _relay = await RelayHarness.StartAsync(new FleetOptions { Nodes = Nodes, FlowsPerSecond = 0, PrefillFlows = 100, RingCapacity = 500, Seed = 11 });

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task ServerStatus_SumsTheNodes()
    {
        var status = await _relay.Client.ServerStatusAsync(new ServerStatusRequest());

        Assert.Equal((ulong)_relay.Fleet.Nodes.Sum(n => n.FlowCount), status.NumFlows);
        Assert.Equal((ulong)_relay.Fleet.Nodes.Sum(n => n.RingCapacity), status.MaxFlows);
        Assert.Equal((uint)Nodes, status.NumConnectedNodes);
        Assert.Equal(0u, status.NumUnavailableNodes);
        Assert.StartsWith("hubble-relay ", status.Version, StringComparison.Ordinal);
        Assert.True(status.UptimeNs > 0);
    }

    [Fact]
    public async Task ServerStatus_WithAHungNode_AnswersWithinTwoSeconds_ReportingItUnavailable()
    {
        var hung = _relay.Fleet.Nodes[2];
        hung.SendDelay = TimeSpan.FromHours(1);

        var watch = Stopwatch.StartNew();
        var status = await _relay.Client.ServerStatusAsync(new ServerStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"ServerStatus took {watch.Elapsed}");
        Assert.Equal((uint)(Nodes - 1), status.NumConnectedNodes);
        Assert.Equal([hung.PeerName], status.UnavailableNodes);
    }

    [Fact]
    public async Task GetNodes_ListsEveryNodeWithItsState_AddressAndFlows()
    {
        var nodes = (await _relay.Client.GetNodesAsync(new GetNodesRequest())).Nodes;

        Assert.Equal(_relay.Fleet.Nodes.Select(n => n.PeerName).Order(), nodes.Select(n => n.Name).Order());
        foreach (var node in nodes)
        {
            var truth = _relay.Fleet.Node(node.Name);
            Assert.Equal(RelayNodeState.NodeConnected, node.State);
            Assert.Equal(truth.Address, node.Address);
            Assert.Equal((ulong)truth.FlowCount, node.NumFlows);
            Assert.Equal((ulong)truth.RingCapacity, node.MaxFlows);
            Assert.False(string.IsNullOrEmpty(node.Version));
        }
    }

    [Fact]
    public async Task GetNamespaces_IsTheMergedDeduplicatedSortedSetOfTheNodes()
    {
        var truth = _relay.Fleet.Nodes
            .SelectMany(n => n.FlowsInRing())
            .SelectMany(f => new[] { f.Source?.Namespace, f.Destination?.Namespace })
            .OfType<string>()
            .Where(ns => ns.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        var namespaces = (await _relay.Client.GetNamespacesAsync(new GetNamespacesRequest())).Namespaces;

        Assert.Equal(truth, namespaces.Select(n => n.Namespace_));
    }

    [Fact]
    public async Task GetAgentEvents_AreMergedFromEveryNodeInTimeOrder()
    {
        using var timeout = new CancellationTokenSource(RelayHarness.Patience);
        using var call = _relay.Client.GetAgentEvents(new GetAgentEventsRequest(), cancellationToken: timeout.Token);
        var events = new List<GetAgentEventsResponse>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
        }

        Assert.NotEmpty(events);
        Assert.Equal(events.OrderBy(e => e.Time.ToDateTimeOffset()).ThenBy(e => e.NodeName, StringComparer.Ordinal), events);
        Assert.True(events.Select(e => e.NodeName).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Health_IsServing_OnTheHealthPortAndTheMainPort()
    {
        foreach (var address in new[] { _relay.Relay.HealthAddress, _relay.Relay.ListenAddress })
        {
            using var channel = GrpcChannel.ForAddress($"http://{address}");
            var health = new global::Grpc.Health.V1.Health.HealthClient(channel);
            foreach (var service in new[] { string.Empty, "hubble.server.Observer" })
            {
                var answer = await health.CheckAsync(new HealthCheckRequest { Service = service });
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
            }
        }
    }
}

using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Observer;

public sealed class ObserverRpcTests(HistoryFleetFixture fixture) : IClassFixture<HistoryFleetFixture>
{
    private SimulatedNode Node => fixture.Fleet.Nodes[0];

    private Hubble.Observer.Observer.ObserverClient Client => fixture.Kit.Observer(Node.Address);

    [Fact]
    public async Task ServerStatus_ReportsTheRingLikeANode()
    {
        var status = await Client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());

        Assert.Equal(300ul, status.NumFlows);
        Assert.Equal(300ul, status.MaxFlows);
        Assert.Equal(300ul, status.SeenFlows);
        Assert.Equal(FleetDefaults.Version, status.Version);
        Assert.Null(status.NumConnectedNodes);

        // 300 flows at 10/s reach 30 s back, and the agent started a second before the first of them.
        Assert.Equal(31_000_000_000ul, status.UptimeNs);
        Assert.InRange(status.FlowsRate, 9.5, 10.5);
    }

    [Fact]
    public async Task GetNamespaces_ListsTheNamespacesOfTheRingSorted()
    {
        var response = await Client.GetNamespacesAsync(new GetNamespacesRequest(), deadline: Deadline());

        var expected = Node.FlowsInRing()
            .SelectMany(f => new[] { f.Source.Namespace, f.Destination.Namespace })
            .Where(ns => ns.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, response.Namespaces.Select(n => n.Namespace_));
        Assert.Contains("kube-system", response.Namespaces.Select(n => n.Namespace_));
        Assert.All(response.Namespaces, n => Assert.Equal(string.Empty, n.Cluster));
    }

    [Fact]
    public async Task GetNodes_IsUnimplementedLikeANode()
    {
        var failure = await FailureAsync(() => Client.GetNodesAsync(new GetNodesRequest(), deadline: Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
    }

    [Fact]
    public async Task GetAgentEvents_First_StartsWithTheAgentStart()
    {
        var events = await ReadAllAsync(Client.GetAgentEvents(new GetAgentEventsRequest { First = true, Number = 2 }));

        Assert.Equal(2, events.Count);
        Assert.Equal(AgentEventType.AgentStarted, events[0].AgentEvent.Type);
        Assert.Equal(events[0].Time, events[0].AgentEvent.AgentStart.Time);
        Assert.All(events, e => Assert.Equal(Node.PeerName, e.NodeName));
        Assert.True(events[1].Time.ToDateTimeOffset() > events[0].Time.ToDateTimeOffset());
    }

    [Fact]
    public async Task GetAgentEvents_Number_ReturnsTheLastN()
    {
        var all = await ReadAllAsync(Client.GetAgentEvents(new GetAgentEventsRequest()));
        var last = await ReadAllAsync(Client.GetAgentEvents(new GetAgentEventsRequest { Number = 2 }));

        Assert.True(all.Count > 2);
        Assert.Equal(all.TakeLast(2), last);
    }

    [Fact]
    public async Task GetDebugEvents_Number_ReturnsTheLastNWithASourceEndpoint()
    {
        var events = await ReadAllAsync(Client.GetDebugEvents(new GetDebugEventsRequest { Number = 5 }));

        Assert.Equal(5, events.Count);
        Assert.All(events, e =>
        {
            Assert.NotEqual(DebugEventType.DbgEventUnknown, e.DebugEvent.Type);
            Assert.NotEmpty(e.DebugEvent.Source.PodName);
            Assert.NotEmpty(e.DebugEvent.Message);
        });
    }

    [Fact]
    public async Task GetDebugEvents_FirstWithFollow_IsInvalidArgument()
    {
        var failure = await FailureAsync(() => ReadAllAsync(Client.GetDebugEvents(new GetDebugEventsRequest { First = true, Follow = true })));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
    }
}

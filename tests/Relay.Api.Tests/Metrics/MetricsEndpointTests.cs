using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Fleet;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.Metrics;

/// <summary>
/// The metrics endpoint of a real relay over a real fleet: scraped before, during and after real queries, the
/// values move as the calls do.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private const int Prefill = 20;
    private static readonly (string, string)[] GetFlows =
        [("grpc_service", "observer.Observer"), ("grpc_method", "GetFlows"), ("grpc_type", "server_stream")];

    private RelayHarness _relay = null!;

    public async Task InitializeAsync() =>
        _relay = await RelayHarness.StartAsync(
            new FleetOptions { Nodes = Nodes, FlowsPerSecond = 0, PrefillFlows = Prefill, Seed = 11 },
            "--metrics-listen-address", "127.0.0.1:0");

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    private Task<Scrape> ScrapeAsync() => Scrape.FetchAsync(_relay.Relay.MetricsAddress);

    [Fact]
    public async Task BeforeAnyQuery_PeersAreReadyAndGrpcMethodsAreZeroed()
    {
        var scrape = await ScrapeAsync();

        Assert.Equal(Nodes, scrape.Value("hubble_relay_pool_peer_connection_status", ("status", "READY")));
        foreach (var other in new[] { "IDLE", "CONNECTING", "TRANSIENT_FAILURE", "SHUTDOWN", "NIL_CONNECTION" })
        {
            Assert.Equal(0, scrape.Value("hubble_relay_pool_peer_connection_status", ("status", other)));
        }

        Assert.Equal(1, scrape.Value("hubble_relay_peer_service_connected"));
        Assert.Equal(Nodes, scrape.Value("hubble_relay_nodes_available"));
        Assert.Equal(Nodes, scrape.Value("hubble_relay_nodes_owned")); // a single relay dials every node
        Assert.Equal(0, scrape.Value("grpc_server_started_total", GetFlows));
        Assert.Equal(0, scrape.Value("grpc_server_handled_total", [.. GetFlows, ("grpc_code", "Canceled")]));
        Assert.Equal(17, scrape.Matching("grpc_server_handled_total", GetFlows).Count());
        Assert.Equal(0, scrape.Value("hubble_relay_get_flows_active", ("mode", "follow")));
    }

    [Fact]
    public async Task Families_HaveUpstreamTypes_AndProcessMetricsArePresent()
    {
        var scrape = await ScrapeAsync();

        Assert.Equal("gauge", scrape.Types["hubble_relay_pool_peer_connection_status"]);
        Assert.Equal("counter", scrape.Types["grpc_server_started_total"]);
        Assert.Equal("counter", scrape.Types["grpc_server_handled_total"]);
        Assert.Equal("counter", scrape.Types["grpc_server_msg_sent_total"]);
        Assert.Equal("counter", scrape.Types["grpc_server_msg_received_total"]);
        Assert.Equal("histogram", scrape.Types["grpc_server_handling_seconds"]);
        Assert.Equal("histogram", scrape.Types["hubble_relay_node_stream_lag_seconds"]);
        Assert.True(scrape.Value("process_cpu_seconds_total") > 0);
        Assert.True(scrape.Value("process_start_time_seconds") > 0);
        Assert.True(scrape.Value("dotnet_threadpool_threads") > 0);
        Assert.True(scrape.Value("dotnet_gc_allocated_bytes_total") > 0);
    }

    [Fact]
    public async Task HistoryQuery_CountsItsFlowsAndTheHandledCall()
    {
        var responses = await _relay.ReadAllAsync(new GetFlowsRequest { Number = Nodes * Prefill });

        // The client has read the call's status, so the server finished handling it before the scrape.
        var scrape = await ScrapeAsync();
        Assert.Equal(Nodes * Prefill, scrape.Value("hubble_relay_flows_relayed_total"));
        Assert.Equal(1, scrape.Value("grpc_server_started_total", GetFlows));
        Assert.Equal(1, scrape.Value("grpc_server_handled_total", [.. GetFlows, ("grpc_code", "OK")]));
        Assert.Equal(1, scrape.Value("grpc_server_msg_received_total", GetFlows));
        Assert.Equal(responses.Count, scrape.Value("grpc_server_msg_sent_total", GetFlows));
        Assert.Equal(1, scrape.Value("grpc_server_handling_seconds_count", GetFlows));
        Assert.Equal(0, scrape.Value("hubble_relay_get_flows_active", ("mode", "history")));
    }

    [Fact]
    public async Task FollowQuery_MovesTheValuesWhileItRuns_AndEndsAsCanceled()
    {
        var node = _relay.Fleet.Nodes[0];
        var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, node.PeerName);
        node.ProduceFlows(3);
        await follow.FlowsFromAsync(node.PeerName, 3);

        var during = await ScrapeAsync();
        Assert.Equal(1, during.Value("hubble_relay_get_flows_active", ("mode", "follow")));
        Assert.Equal(1, during.Value("grpc_server_started_total", GetFlows));
        Assert.Equal(3, during.Value("hubble_relay_flows_relayed_total"));
        Assert.Equal(3, during.Value("hubble_relay_node_stream_lag_seconds_count", ("node", node.PeerName)));

        // Counted once each write completes, which may be just after the client has read it.
        await Eventually.AssertAsync(ScrapeAsync, s => Assert.Equal(4, s.Value("grpc_server_msg_sent_total", GetFlows))); // status + flows

        follow.Dispose();

        await Eventually.AssertAsync(ScrapeAsync, after =>
        {
            Assert.Equal(0, after.Value("hubble_relay_get_flows_active", ("mode", "follow")));
            Assert.Equal(1, after.Value("grpc_server_handled_total", [.. GetFlows, ("grpc_code", "Canceled")]));
        });
    }

    [Fact]
    public async Task UnaryCalls_GoThroughTheInterceptorToo()
    {
        await _relay.Client.GetNodesAsync(new GetNodesRequest());

        var scrape = await ScrapeAsync();
        (string, string)[] getNodes = [("grpc_service", "observer.Observer"), ("grpc_method", "GetNodes"), ("grpc_type", "unary")];
        Assert.Equal(1, scrape.Value("grpc_server_started_total", getNodes));
        Assert.Equal(1, scrape.Value("grpc_server_handled_total", [.. getNodes, ("grpc_code", "OK")]));
        Assert.Equal(1, scrape.Value("grpc_server_msg_sent_total", getNodes));
    }

    [Fact]
    public async Task InvalidRequest_IsCountedWithItsCode_AndNeverActive()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _relay.ReadAllAsync(new GetFlowsRequest { Number = 1, First = true, Follow = true }));

        var scrape = await ScrapeAsync();
        Assert.Equal(1, scrape.Value("grpc_server_handled_total", [.. GetFlows, ("grpc_code", GrpcName(error.StatusCode))]));
        Assert.Equal(0, scrape.Sum("hubble_relay_get_flows_active"));
    }

    [Fact]
    public async Task LateFlow_IsCountedWhileTheQueryRuns()
    {
        var (early, behind) = (_relay.Fleet.Nodes[0], _relay.Fleet.Nodes[1]);

        // Follow from just after every node's history, so only the flows below reach the merge.
        var historyEnd = _relay.Fleet.Nodes.SelectMany(n => n.FlowsInRing()).Max(f => f.Time.ToDateTimeOffset()).AddTicks(1);
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest { Since = Timestamp.FromDateTimeOffset(historyEnd) });
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, early.PeerName);
        early.ProduceFlows(1);
        var sent = (await follow.FlowsFromAsync(early.PeerName, 1))[0].Flow.Time.ToDateTimeOffset();

        // The behind node's clock puts its next flow between the history's end and the flow already sent.
        var stamp = historyEnd + ((sent - historyEnd) / 2);
        behind.ClockOffset = stamp - DateTimeOffset.UtcNow;
        behind.ProduceFlows(1);
        await follow.FlowsFromAsync(behind.PeerName, 1);

        var scrape = await ScrapeAsync();
        Assert.Equal(1, scrape.Value("hubble_relay_late_flows_total"));
    }

    [Fact]
    public async Task StoppedNode_ShowsAsNodeErrorAndTransientFailure()
    {
        var node = _relay.Fleet.Nodes[2];
        using var follow = new FollowReader(_relay.Client, new GetFlowsRequest());
        await follow.UntilStatusAsync(RelayNodeState.NodeConnected, node.PeerName);

        await node.StopAsync();
        await follow.UntilAsync(r => r.NodeStatus is { } s && s.NodeNames.Contains(node.PeerName)
            && s.StateChange is RelayNodeState.NodeUnavailable or RelayNodeState.NodeError);

        var scrape = await Eventually.AssertAsync(
            ScrapeAsync, s => Assert.Equal(1, s.Value("hubble_relay_pool_peer_connection_status", ("status", "TRANSIENT_FAILURE"))));
        Assert.Equal(Nodes - 1, scrape.Value("hubble_relay_nodes_available"));
        Assert.True(scrape.Sum("hubble_relay_node_errors_total", ("node", node.PeerName)) >= 1);
    }

    private static string GrpcName(StatusCode code) => code == StatusCode.Cancelled ? "Canceled" : code.ToString();
}

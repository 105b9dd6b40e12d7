using System.Diagnostics;
using Grpc.Core;
using Hubble.Observer;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Faults;

public sealed class NodeFaultTests : IAsyncLifetime
{
    private readonly FleetTestKit _kit = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private SimulatedFleet _fleet = null!;

    public async Task InitializeAsync() =>
        _fleet = await _kit.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 10, RingCapacity = 100, TimeProvider = _clock });

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task StopAsync_NewCalls_FailUnavailableUntilTheNodeStartsAgain()
    {
        var node = _fleet.Nodes[0];
        var client = _kit.Observer(node.Address);

        await node.StopAsync();
        var failure = await FailureAsync(() => client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.False(node.IsRunning);

        // A fresh channel: Grpc.Net.Client fails calls fast while it backs off after a refused connection.
        await node.StartAsync();
        var status = await _kit.Observer(node.Address).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());
        Assert.Equal(100ul, status.NumFlows);
        Assert.True(node.IsRunning);
    }

    [Fact]
    public async Task StopAsync_Port_RefusesConnectionsLikeANodeThatIsDown()
    {
        var node = _fleet.Nodes[1];

        await node.StopAsync();
        var refused = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => Connect(node.Port));
        await node.StartAsync();
        await Connect(node.Port);

        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);

        static async Task Connect(int port)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(FleetTestKit.Timeout);
        }
    }

    [Fact]
    public async Task StopAsync_OpenFollowStream_IsAbortedAndNoLongerCounted()
    {
        var node = _fleet.Nodes[0];
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true, Number = 1 });
        await NextAsync(call.ResponseStream);
        Assert.Equal(1, node.OpenGetFlowsStreams);

        await node.StopAsync();

        var failure = await FailureAsync(() => NextAsync(call.ResponseStream));
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        await EventuallyAsync(() => node.OpenGetFlowsStreams == 0, "the aborted stream is no longer counted");
        Assert.Equal(0, node.OpenConnections);
    }

    [Fact]
    public async Task StopAsync_OtherNodes_KeepServing()
    {
        await _fleet.Nodes[0].StopAsync();

        var responses = await GetFlowsAsync(_kit.Observer(_fleet.Nodes[1].Address), new GetFlowsRequest { Number = 3 });

        Assert.Equal(3, responses.Count);
    }

    [Fact]
    public async Task RestartAsync_DisconnectsClientsWhoThenReconnect()
    {
        var node = _fleet.Nodes[1];
        var client = _kit.Observer(node.Address);
        using var call = client.GetFlows(new GetFlowsRequest { Follow = true, Number = 1 });
        await NextAsync(call.ResponseStream);

        await node.RestartAsync();

        await FailureAsync(() => NextAsync(call.ResponseStream));
        var responses = await GetFlowsAsync(_kit.Observer(node.Address), new GetFlowsRequest { Number = 2 });
        Assert.Equal(2, responses.Count);
    }

    [Fact]
    public async Task Pause_FollowReceivesNothingUntilResumed()
    {
        var node = _fleet.Nodes[0];
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: cancel.Token);
        await EventuallyAsync(() => node.OpenGetFlowsStreams == 1, "the follow stream is open");
        var produced = node.FlowsProduced;

        node.Pause();
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(produced, node.FlowsProduced);
        Assert.True(node.IsPaused);

        node.Resume();
        _clock.Advance(TimeSpan.FromSeconds(1));

        // The first flow the stream gets was produced after the pause, none from the paused five seconds.
        var first = await NextAsync(call.ResponseStream);
        Assert.True(first.Time.ToDateTimeOffset() > Epoch.AddSeconds(5));
        Assert.Equal(produced + 10, node.FlowsProduced);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task FailRequests_WithCount_FailsThatManyRequestsThenRecovers()
    {
        var node = _fleet.Nodes[0];
        var client = _kit.Observer(node.Address);

        node.FailRequests(StatusCode.ResourceExhausted, "too busy", count: 2);

        var first = await FailureAsync(() => GetFlowsAsync(client, new GetFlowsRequest { Number = 1 }));
        var second = await FailureAsync(() => client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal((StatusCode.ResourceExhausted, "too busy"), (first.StatusCode, first.Status.Detail));
        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Single(await GetFlowsAsync(client, new GetFlowsRequest { Number = 1 }));
    }

    [Fact]
    public async Task FailRequests_WithoutCount_FailsEveryRpcUntilCleared()
    {
        var node = _fleet.Nodes[1];
        var client = _kit.Observer(node.Address);

        node.FailRequests(StatusCode.Unavailable, "agent restarting");

        Assert.Equal(StatusCode.Unavailable, (await FailureAsync(() => GetFlowsAsync(client, new GetFlowsRequest { Number = 1 }))).StatusCode);
        Assert.Equal(StatusCode.Unavailable, (await FailureAsync(() => ReadAllAsync(client.GetAgentEvents(new GetAgentEventsRequest { Number = 1 })))).StatusCode);
        Assert.Equal(StatusCode.Unavailable, (await FailureAsync(() => client.GetNamespacesAsync(new GetNamespacesRequest(), deadline: Deadline()).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.Unavailable, (await FailureAsync(() => client.GetNodesAsync(new GetNodesRequest(), deadline: Deadline()).ResponseAsync)).StatusCode);

        node.ClearFailures();
        Assert.Single(await GetFlowsAsync(client, new GetFlowsRequest { Number = 1 }));
        Assert.Equal(2, node.TotalGetFlowsCalls);
    }

    [Fact]
    public async Task SendDelay_SlowsEveryMessageOfTheStream()
    {
        // Real time here: the delay is what is measured.
        var fleet = await _kit.StartAsync(new FleetOptions { Nodes = 1, FlowsPerSecond = 0, RingCapacity = 20 });
        var node = fleet.Nodes[0];
        var client = _kit.Observer(node.Address);
        await GetFlowsAsync(client, new GetFlowsRequest { Number = 1 });
        node.SendDelay = TimeSpan.FromMilliseconds(80);

        var watch = Stopwatch.StartNew();
        var responses = await GetFlowsAsync(client, new GetFlowsRequest { Number = 5 });
        watch.Stop();

        Assert.Equal(5, responses.Count);
        // Timers may fire a little early; without the delay the five flows take a few milliseconds.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"5 flows took only {watch.Elapsed}");
    }
}

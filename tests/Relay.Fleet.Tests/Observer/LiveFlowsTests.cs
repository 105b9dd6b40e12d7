using Google.Protobuf;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Observer;

public sealed class LiveFlowsTests : IAsyncLifetime
{
    private readonly FleetTestKit _kit = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private SimulatedFleet _fleet = null!;

    public async Task InitializeAsync() =>
        _fleet = await _kit.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 10, RingCapacity = 200, TimeProvider = _clock });

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public void Prefill_SpacesTheHistoryAtTheRateEndingNow()
    {
        var flows = _fleet.Nodes[0].FlowsInRing();
        var times = flows.Select(f => f.Time.ToDateTimeOffset()).ToList();

        Assert.Equal(200, flows.Count);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.InRange(times[^1], Epoch.AddSeconds(-0.2), Epoch);
        Assert.InRange(times[0], Epoch.AddSeconds(-20.1), Epoch.AddSeconds(-19.9));
    }

    [Fact]
    public void Production_AdvancingTheClock_ProducesAtTheConfiguredRate()
    {
        var node = _fleet.Nodes[0];
        var before = node.FlowsProduced;

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(before + 30, node.FlowsProduced);
        var recent = node.FlowsInRing().TakeLast(31).Select(f => f.Time.ToDateTimeOffset()).ToList();
        Assert.True(recent[0] <= Epoch);
        Assert.All(recent.Skip(1), t => Assert.InRange(t, Epoch, Epoch.AddSeconds(3)));
        Assert.All(recent.Zip(recent.Skip(1)), pair => Assert.True(pair.First < pair.Second));
    }

    [Fact]
    public async Task GetFlows_Follow_ReceivesNewFlowsAndClosesWhenTheClientCancels()
    {
        var node = _fleet.Nodes[0];
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: cancel.Token);
        await EventuallyAsync(() => node.OpenGetFlowsStreams == 1, "the follow stream is open");

        _clock.Advance(TimeSpan.FromSeconds(1));

        var received = new List<GetFlowsResponse>();
        for (var i = 0; i < 10; i++)
        {
            received.Add(await NextAsync(call.ResponseStream));
        }

        Assert.Equal(node.FlowsInRing().TakeLast(10).Select(f => f.Uuid), received.Select(r => r.Flow.Uuid));
        Assert.All(received, r => Assert.True(r.Time.ToDateTimeOffset() > Epoch));

        await cancel.CancelAsync();
        await EventuallyAsync(() => node.OpenGetFlowsStreams == 0, "the node has closed the stream");
        Assert.Equal(1, node.TotalGetFlowsCalls);
    }

    [Fact]
    public async Task GetFlows_FollowWithNumber_ReplaysHistoryThenFollows()
    {
        var node = _fleet.Nodes[1];
        var history = node.FlowsInRing().TakeLast(3).Select(f => f.Uuid).ToList();
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true, Number = 3 }, cancellationToken: cancel.Token);

        var replayed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replayed.Add((await NextAsync(call.ResponseStream)).Flow.Uuid);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        var live = await NextAsync(call.ResponseStream);

        Assert.Equal(history, replayed);
        Assert.Equal(node.FlowsInRing()[^1].Uuid, live.Flow.Uuid);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task GetFlows_FollowWithSince_ReplaysFromSinceThenFollows()
    {
        var node = _fleet.Nodes[0];
        var ring = node.FlowsInRing();
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true, Since = ring[^4].Time }, cancellationToken: cancel.Token);

        var replayed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            replayed.Add((await NextAsync(call.ResponseStream)).Flow.Uuid);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        var live = await NextAsync(call.ResponseStream);

        Assert.Equal(ring.TakeLast(4).Select(f => f.Uuid), replayed);
        Assert.Equal(node.FlowsInRing()[^1].Uuid, live.Flow.Uuid);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task GetFlows_ManyStreamsOnOneConnection_AreAllServedAtOnce()
    {
        // Kestrel's default of 100 concurrent streams per connection would queue the rest.
        var node = _fleet.Nodes[1];
        using var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://{node.Address}", new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = handler });
        var client = new Hubble.Observer.Observer.ObserverClient(channel);
        using var cancel = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 150).Select(_ => client.GetFlows(new GetFlowsRequest { Follow = true, Number = 1 }, cancellationToken: cancel.Token)).ToList();

        await Task.WhenAll(calls.Select(c => NextAsync(c.ResponseStream)));

        Assert.Equal(150, node.OpenGetFlowsStreams);
        Assert.Equal(1, node.OpenConnections);
        await cancel.CancelAsync();
        calls.ForEach(c => c.Dispose());
        await EventuallyAsync(() => node.OpenGetFlowsStreams == 0, "every stream is closed");
    }

    [Fact]
    public async Task GetAgentAndDebugEvents_Follow_ReceiveNewEventsOnTheirSchedules()
    {
        var client = _kit.Observer(_fleet.Nodes[0].Address);
        using var cancel = new CancellationTokenSource();
        using var agent = client.GetAgentEvents(new GetAgentEventsRequest { Follow = true }, cancellationToken: cancel.Token);
        using var debug = client.GetDebugEvents(new GetDebugEventsRequest { Follow = true }, cancellationToken: cancel.Token);
        var agentNext = NextAsync(agent.ResponseStream);
        var debugNext = NextAsync(debug.ResponseStream);

        // The streams may only be registered on the server after a tick: keep time moving until both deliver.
        while (!(agentNext.IsCompleted && debugNext.IsCompleted))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(Task.WhenAll(agentNext, debugNext), Task.Delay(20));
        }

        Assert.True((await agentNext).Time.ToDateTimeOffset() > Epoch);
        Assert.True((await debugNext).Time.ToDateTimeOffset() > Epoch);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task StartAsync_SameSeedAndClock_GivesIdenticalFleets()
    {
        var options = new FleetOptions { Nodes = 2, RingCapacity = 50, Seed = 42, TimeProvider = Clock() };
        var first = await _kit.StartAsync(options);
        var second = await _kit.StartAsync(options with { TimeProvider = Clock() });
        var other = await _kit.StartAsync(options with { Seed = 43, TimeProvider = Clock() });

        Assert.Equal(Bytes(first.Nodes[1]), Bytes(second.Nodes[1]));
        Assert.NotEqual(Bytes(first.Nodes[1]), Bytes(other.Nodes[1]));

        static IEnumerable<ByteString> Bytes(SimulatedNode node) => node.FlowsInRing().Select(f => f.ToByteString());
    }

    [Fact]
    public async Task ProduceFlows_WritesFlowsNowWhateverTheRate()
    {
        var node = _fleet.Nodes[0];
        node.Pause();

        node.ProduceFlows(5);

        var latest = node.FlowsInRing().TakeLast(5).ToList();
        Assert.All(latest, f => Assert.InRange(f.Time.ToDateTimeOffset(), Epoch, Epoch.AddTicks(1)));
        var responses = await GetFlowsAsync(_kit.Observer(node.Address), new GetFlowsRequest { Number = 5 });
        Assert.Equal(latest.Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public void ClockOffset_ShiftsTheTimesOfNewFlows()
    {
        var node = _fleet.Nodes[1];
        node.ClockOffset = TimeSpan.FromMinutes(5);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.All(node.FlowsInRing().TakeLast(10), f => Assert.True(f.Time.ToDateTimeOffset() > Epoch.AddMinutes(5)));
    }

    [Fact]
    public async Task FlowsPerSecond_Changed_AppliesFromNow()
    {
        var node = _fleet.Nodes[0];
        node.FlowsPerSecond = 100;
        var before = node.FlowsProduced;

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(before + 100, node.FlowsProduced);
        var status = await _kit.Observer(node.Address).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline());
        Assert.Equal((ulong)node.FlowsProduced, status.SeenFlows);
    }

    [Fact]
    public async Task GetFlows_SlowReaderOverrun_GetsLostEventsFromTheRingBuffer()
    {
        var node = _fleet.Nodes[1];
        node.Pause();
        using var cancel = new CancellationTokenSource();
        using var call = _kit.Observer(node.Address).GetFlows(new GetFlowsRequest { Follow = true, Number = 1 }, cancellationToken: cancel.Token);
        await NextAsync(call.ResponseStream);

        // Flood the ring while the client reads nothing: the stream falls a ring behind and more.
        for (var i = 0; i < 100; i++)
        {
            node.ProduceFlows(200);
        }

        var lost = 0ul;
        for (var i = 0; i < 5000 && lost == 0; i++)
        {
            var response = await NextAsync(call.ResponseStream);
            if (response.ResponseTypesCase == GetFlowsResponse.ResponseTypesOneofCase.LostEvents)
            {
                Assert.Equal(LostEventSource.HubbleRingBuffer, response.LostEvents.Source);
                Assert.Equal(node.PeerName, response.NodeName);
                lost = response.LostEvents.NumEventsLost;
            }
        }

        Assert.True(lost > 0, "no lost_events response arrived");
        await cancel.CancelAsync();
    }
}

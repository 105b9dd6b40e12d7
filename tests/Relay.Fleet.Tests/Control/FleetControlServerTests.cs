using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Hubble.Observer;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Fleet.Control;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Control;

public sealed class FleetControlServerTests : IAsyncLifetime
{
    private readonly FleetTestKit _kit = new();
    private readonly HttpClient _http = new() { Timeout = FleetTestKit.Timeout };
    private SimulatedFleet _fleet = null!;
    private FleetControlServer _control = null!;

    public async Task InitializeAsync()
    {
        _fleet = await _kit.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 0, RingCapacity = 10, TimeProvider = Clock() });
        _control = await FleetControlServer.StartAsync(_fleet, 0, NullLoggerFactory.Instance);
        _http.BaseAddress = new Uri(_control.Url);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _control.DisposeAsync();
        await _kit.DisposeAsync();
    }

    [Fact]
    public async Task GetNodes_ListsEveryNodeWithItsCounters()
    {
        var nodes = await _http.GetFromJsonAsync<List<NodeView>>("/nodes");

        Assert.Equal(_fleet.Nodes.Select(n => (n.Name, n.Address)), nodes!.Select(n => (n.Name, n.Address)));
        Assert.All(nodes!, n => Assert.Equal(10, n.FlowsInRing));
    }

    [Fact]
    public async Task PostStopAndStart_ClosesAndReopensTheNode()
    {
        var node = _fleet.Nodes[1];

        var stopped = await _http.PostAsync($"/nodes/{node.Name}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False(node.IsRunning);

        await _http.PostAsync($"/nodes/{node.Name}/start", null);
        Assert.True(node.IsRunning);
    }

    [Fact]
    public async Task PostFail_MakesTheNodeAnswerThatStatus()
    {
        var node = _fleet.Nodes[0];

        var response = await _http.PostAsync($"/nodes/{node.Name}/fail?code=PermissionDenied&message=nope&count=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failure = await FailureAsync(() => _kit.Observer(node.Address).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "nope"), (failure.StatusCode, failure.Status.Detail));
    }

    [Fact]
    public async Task PostDelayAndPause_ChangeTheNode()
    {
        var node = _fleet.Nodes[0];

        await _http.PostAsync($"/nodes/{node.Name}/delay?ms=250", null);
        await _http.PostAsync($"/nodes/{node.Name}/pause", null);

        Assert.Equal(TimeSpan.FromMilliseconds(250), node.SendDelay);
        Assert.True(node.IsPaused);
    }

    [Fact]
    public async Task AddAndRemoveNodes_ChangeTheMembership()
    {
        var added = await _http.PostAsync("/nodes?name=extra", null);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains(_fleet.Nodes, n => n.Name == "extra");

        var removed = await _http.DeleteAsync("/nodes/extra");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain(_fleet.Nodes, n => n.Name == "extra");
    }

    [Fact]
    public async Task PostPeerStop_StopsThePeerService()
    {
        await _http.PostAsync("/peer/stop", null);
        Assert.False(_fleet.IsPeerServiceRunning);

        await _http.PostAsync("/peer/start", null);
        Assert.True(_fleet.IsPeerServiceRunning);
    }

    [Fact]
    public async Task UnknownNodeOrBadValue_AreReportedAsErrors()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync("/nodes/nope/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync($"/nodes/{_fleet.Nodes[0].Name}/delay?ms=soon", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync($"/nodes/{_fleet.Nodes[0].Name}/explode", null)).StatusCode);
    }
}

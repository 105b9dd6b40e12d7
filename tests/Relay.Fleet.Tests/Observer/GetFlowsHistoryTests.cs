using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;
using Relay.Streams.Filtering;
using static Relay.Fleet.Tests.FleetTestKit;

namespace Relay.Fleet.Tests.Observer;

public sealed class GetFlowsHistoryTests(HistoryFleetFixture fixture) : IClassFixture<HistoryFleetFixture>
{
    private SimulatedNode Node => fixture.Fleet.Nodes[0];

    private Hubble.Observer.Observer.ObserverClient Client => fixture.Kit.Observer(Node.Address);

    private IReadOnlyList<Flow> Ring => Node.FlowsInRing();

    [Fact]
    public async Task GetFlows_Number_ReturnsTheLastNFlowsInOrder()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Number = 20 });

        Assert.Equal(Ring.TakeLast(20).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_NumberWithFirst_ReturnsTheFirstNFlows()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Number = 20, First = true });

        Assert.Equal(Ring.Take(20).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_NoNumberNoFollowNoWindow_ReturnsTheWholeRing()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest());

        Assert.Equal(300, responses.Count);
        Assert.Equal(Ring.Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_SinceAndUntil_ReturnsExactlyTheFlowsInTheWindow()
    {
        var ring = Ring;

        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Since = ring[100].Time, Until = ring[149].Time });

        Assert.Equal(ring.Skip(100).Take(50).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_SinceWithNumber_ReturnsTheFirstNFlowsAfterSince()
    {
        var ring = Ring;

        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Since = ring[200].Time, Number = 5 });

        Assert.Equal(ring.Skip(200).Take(5).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_UntilOnly_ReturnsTheFlowsUpToIt()
    {
        var ring = Ring;

        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Until = ring[9].Time });

        Assert.Equal(ring.Take(10).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_SinceAfterUntil_EndsEmptyLikeHubble()
    {
        var ring = Ring;

        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Since = ring[200].Time, Until = ring[100].Time });

        Assert.Empty(responses);
    }

    [Fact]
    public async Task GetFlows_FirstWithFollow_IsInvalidArgument()
    {
        var failure = await FailureAsync(() => GetFlowsAsync(Client, new GetFlowsRequest { First = true, Follow = true }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains("first", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("follow", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFlows_InvalidSince_IsInvalidArgumentNamingSince()
    {
        var failure = await FailureAsync(() => GetFlowsAsync(Client, new GetFlowsRequest { Since = new Timestamp { Seconds = 1, Nanos = -5 } }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("since:", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFlows_Responses_CarryNodeNameAndTimeAtTopLevel()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Number = 50 });

        Assert.All(responses, r =>
        {
            Assert.Equal(Node.PeerName, r.NodeName);
            Assert.Equal(r.Flow.Time, r.Time);
            Assert.Equal(Node.PeerName, r.Flow.NodeName);
        });
    }

    [Fact]
    public async Task GetFlows_EachNode_ServesItsOwnRing()
    {
        var other = fixture.Fleet.Nodes[1];

        var responses = await GetFlowsAsync(fixture.Kit.Observer(other.Address), new GetFlowsRequest { Number = 5 });

        Assert.All(responses, r => Assert.Equal(other.PeerName, r.NodeName));
        Assert.Equal(other.FlowsInRing().TakeLast(5).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_FieldMask_KeepsOnlyTheMaskedFields()
    {
        var request = new GetFlowsRequest { Number = 30, FieldMask = new FieldMask { Paths = { "time", "node_name", "verdict", "source.pod_name" } } };

        var responses = await GetFlowsAsync(Client, request);

        var expected = Ring.TakeLast(30).ToList();
        Assert.Equal(30, responses.Count);
        for (var i = 0; i < 30; i++)
        {
            var masked = responses[i].Flow;
            Assert.Equal(expected[i].Time, masked.Time);
            Assert.Equal(expected[i].Verdict, masked.Verdict);
            Assert.Equal(expected[i].Source.PodName, masked.Source?.PodName ?? string.Empty);
            Assert.Equal(string.Empty, masked.Uuid);
            Assert.Null(masked.IP);
            Assert.Null(masked.L4);
            Assert.Empty(masked.Source?.Labels ?? []);
            Assert.Equal(expected[i].Time, responses[i].Time);
            Assert.Equal(Node.PeerName, responses[i].NodeName);
        }
    }

    [Fact]
    public async Task GetFlows_FieldMaskWithoutTime_LeavesTheTopLevelTimeEmptyLikeHubble()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Number = 3, FieldMask = new FieldMask { Paths = { "uuid" } } });

        Assert.All(responses, r =>
        {
            Assert.NotEmpty(r.Flow.Uuid);
            Assert.Null(r.Time);
            Assert.Equal(string.Empty, r.NodeName);
        });
    }

    [Fact]
    public async Task GetFlows_InvalidFieldMaskPath_IsInvalidArgumentNamingFieldMask()
    {
        var request = new GetFlowsRequest { Number = 3, FieldMask = new FieldMask { Paths = { "source.no_such_field" } } };

        var failure = await FailureAsync(() => GetFlowsAsync(Client, request));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains("field_mask", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("source.no_such_field", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFlows_EmptyFilterLists_PassEveryFlow()
    {
        var responses = await GetFlowsAsync(Client, new GetFlowsRequest { Number = 40 });

        Assert.Equal(Ring.TakeLast(40).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    /// <summary>
    /// Depends on the FlowFilterMatcher: while it cannot evaluate a verdict filter, the node must reject the
    /// request with InvalidArgument and the matcher's message; once it can, only DROPPED flows come back,
    /// exactly those of the ring.
    /// </summary>
    [Fact]
    public async Task GetFlows_Whitelist_ReturnsExactlyTheMatchingFlows()
    {
        // The rarest source namespace the ring holds, so the filter really narrows the answer.
        var ns = Ring.Where(f => f.Source?.Namespace is { Length: > 0 }).GroupBy(f => f.Source.Namespace).OrderBy(g => g.Count()).First().Key;
        var filter = new FlowFilter { SourcePod = { ns + "/" } };
        var request = new GetFlowsRequest { Whitelist = { filter } };

        var responses = await GetFlowsAsync(Client, request);

        Assert.NotEmpty(responses);
        Assert.True(responses.Count < Ring.Count);
        Assert.All(responses, r => Assert.Equal(ns, r.Flow.Source.Namespace));
        Assert.Equal(Ring.Where(f => f.Source?.Namespace == ns).Select(f => f.Uuid), responses.Select(r => r.Flow.Uuid));
    }

    [Fact]
    public async Task GetFlows_OnThePeerPort_IsUnimplemented()
    {
        var failure = await FailureAsync(() => GetFlowsAsync(fixture.Kit.Observer(fixture.Fleet.PeerAddress), new GetFlowsRequest { Number = 1 }));

        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
    }
}

using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Hubble.Observer;
using Relay.Actors.Cluster.Entities;
using Relay.Actors.Tests.Fakes;
using Relay.Streams.Wire;

namespace Relay.Actors.Tests.Cluster;

/// <summary>The client an owning entity hands out: its calls end Unavailable, with the reason, when the ownership ends.</summary>
public sealed class OwnedNodeClientTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeMisuse _misuse = new();
    private readonly FakeNodeClient _node;
    private readonly NodeOwnership _ownership = new("node-1", "akka.tcp://hubble-relay@10.0.3.7:4253");
    private readonly OwnedNodeClient _client;

    public OwnedNodeClientTests()
    {
        _node = new FakeNodeClient(_misuse) { OnGetFlows = (_, _, ct) => OneThenWait(ct) };
        _client = new OwnedNodeClient(_node, _ownership);
    }

    [Fact]
    public async Task Stream_OwnershipEnds_FailsUnavailableNamingTheNodeAndTheReason()
    {
        await using var flows = _client.GetFlowsAsync(new GetFlowsRequest(), [], CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await flows.MoveNextAsync().AsTask().WaitAsync(Patience));
        var next = flows.MoveNextAsync().AsTask();

        _ownership.End("its shard moved to another replica");

        var error = await Assert.ThrowsAsync<RpcException>(() => next.WaitAsync(Patience));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(
            "node node-1: relay replica akka.tcp://hubble-relay@10.0.3.7:4253 no longer owns it (its shard moved to another replica)",
            error.Status.Detail);
    }

    [Fact]
    public async Task Stream_ConnectionClosedAfterTheEnd_FailsUnavailableNotCancelled()
    {
        // As a gRPC channel does when it is disposed under a running call.
        _node.OnGetFlows = (_, _, _) => Failing(new RpcException(new Status(StatusCode.Cancelled, "gRPC call disposed.")));
        _ownership.End("the peer service deleted it");

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("the peer service deleted it", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CallerCancels_IsTheCallersCancellation()
    {
        using var cancel = new CancellationTokenSource();
        var reading = ReadAllAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Patience));
    }

    [Fact]
    public async Task Stream_NodeEndsIt_CompletesAsTheNodeDid()
    {
        _node.OnGetFlows = (_, _, _) => Flows(3);

        Assert.Equal(3, await ReadAllAsync(CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task NodeFails_TheNodesOwnStatus()
    {
        _node.OnGetFlows = (_, _, _) => Failing(new RpcException(new Status(StatusCode.InvalidArgument, "unknown filter")));

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Call_AfterTheEnd_FailsUnavailableWithoutReachingTheNode()
    {
        _ownership.End("its ownership lease ran out");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.ServerStatusAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode); // OnServerStatus is unset: reaching the node would fail the test
    }

    [Fact]
    public async Task Call_OwnershipEndsWhileItRuns_FailsUnavailable()
    {
        _node.OnGetNamespaces = async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new GetNamespacesResponse();
        };
        var call = _client.GetNamespacesAsync(new GetNamespacesRequest(), [], CancellationToken.None);

        _ownership.End("it moved to 10.0.0.2:4244");

        var error = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(Patience));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    public void Dispose() => _misuse.Verify();

    private async Task<int> ReadAllAsync(CancellationToken ct)
    {
        var count = 0;
        await foreach (var _ in _client.GetFlowsAsync(new GetFlowsRequest(), [], ct))
        {
            count++;
        }

        return count;
    }

    private static RawFlowResponse Flow() => RawFlowResponse.Parse(new GetFlowsResponse { NodeName = "node-1" }.ToByteArray());

    private static async IAsyncEnumerable<RawFlowResponse> OneThenWait([EnumeratorCancellation] CancellationToken ct)
    {
        yield return Flow();
        await Task.Delay(Timeout.Infinite, ct);
    }

    private static async IAsyncEnumerable<RawFlowResponse> Flows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return Flow();
        }
    }

    private static async IAsyncEnumerable<RawFlowResponse> Failing(Exception error)
    {
        await Task.Yield();
        if (error is not null)
        {
            throw error;
        }

        yield break;
    }
}

using Grpc.Core;
using Hubble.Observer;
using RelayNodeState = Hubble.Relay.NodeState;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>A running follow call, read response by response with a deadline on each wait.</summary>
internal sealed class FollowReader : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly AsyncServerStreamingCall<GetFlowsResponse> _call;

    public FollowReader(Observer.ObserverClient client, GetFlowsRequest request)
    {
        request.Follow = true;
        _call = client.GetFlows(request, cancellationToken: _cancel.Token);
    }

    public List<GetFlowsResponse> Received { get; } = [];

    public async Task<GetFlowsResponse> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        timeout.CancelAfter(RelayHarness.Patience);
        Assert.True(await _call.ResponseStream.MoveNext(timeout.Token), "the follow stream ended");
        Received.Add(_call.ResponseStream.Current);
        return _call.ResponseStream.Current;
    }

    /// <summary>Reads until a response satisfies <paramref name="wanted"/>; returns it.</summary>
    public async Task<GetFlowsResponse> UntilAsync(Func<GetFlowsResponse, bool> wanted)
    {
        while (true)
        {
            var next = await NextAsync();
            if (wanted(next))
            {
                return next;
            }
        }
    }

    public Task<GetFlowsResponse> UntilStatusAsync(RelayNodeState state, string node) =>
        UntilAsync(r => r.NodeStatus?.StateChange == state && r.NodeStatus.NodeNames.Contains(node));

    /// <summary>Reads until <paramref name="count"/> flows from <paramref name="node"/> arrived; returns them.</summary>
    public async Task<List<GetFlowsResponse>> FlowsFromAsync(string node, int count)
    {
        var flows = new List<GetFlowsResponse>();
        while (flows.Count < count)
        {
            var next = await NextAsync();
            if (next.Flow is not null && next.NodeName == node)
            {
                flows.Add(next);
            }
        }

        return flows;
    }

    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _cancel.Cancel();
        _call.Dispose();
        _cancel.Dispose();
    }
}

using Relay.Streams.Merging;
using Relay.Streams.Wire;

namespace Relay.Api.Metrics;

/// <summary>Metrics that go nowhere: the default when <c>--metrics-listen-address</c> is empty.</summary>
public sealed class NoRelayMetrics : IRelayMetrics, IQueryMetrics
{
    public static readonly NoRelayMetrics Instance = new();

    private NoRelayMetrics()
    {
    }

    public IQueryMetrics QueryStarted(bool follow) => this;

    public void NodeStreamFailed(string node, Exception error)
    {
    }

    public void Merging(MergeStats stats)
    {
    }

    public void Forwarded(IReadOnlyList<RawFlowResponse> responses)
    {
    }

    public void Dispose()
    {
    }
}

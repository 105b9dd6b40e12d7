using Relay.Streams.Merging;
using Relay.Streams.Wire;

namespace Relay.Api.Metrics;

/// <summary>The metrics of one running GetFlows call. Disposing it ends the call's share of the active gauge.</summary>
public interface IQueryMetrics : IDisposable
{
    /// <summary>The call's merge is running; its late-flow count is read from now on (at each scrape and at the end).</summary>
    void Merging(MergeStats stats);

    /// <summary>These responses were written to the client; the flows among them count as relayed.</summary>
    void Forwarded(IReadOnlyList<RawFlowResponse> responses);
}

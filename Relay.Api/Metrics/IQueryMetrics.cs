using Relay.Streams.Merging;
using Relay.Streams.Wire;

namespace Relay.Api.Metrics;

/// <summary>The metrics of one running GetFlows call. Disposing it ends the call's share of the active gauge.</summary>
public interface IQueryMetrics : IDisposable
{
    /// <summary>The call's merge is running; its late-flow count is read from now on (at each scrape and at the end).</summary>
    void Merging(MergeStats stats);

    /// <summary>
    /// These responses are being handed to the client's stream (counted before the write, so a client that has
    /// read a flow always finds it counted); the flows among them count as relayed.
    /// </summary>
    void Forwarded(IReadOnlyList<RawFlowResponse> responses);
}

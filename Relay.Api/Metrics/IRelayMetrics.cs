namespace Relay.Api.Metrics;

/// <summary>
/// What the Observer service reports to metrics. <see cref="NoRelayMetrics"/> when metrics are off, so the
/// service and its tests never need a registry.
/// </summary>
public interface IRelayMetrics
{
    /// <summary>A GetFlows call passed validation and starts streaming; dispose the result when it ends.</summary>
    /// <param name="follow">Whether the call follows (<c>mode="follow"</c>) or reads history (<c>mode="history"</c>).</param>
    IQueryMetrics QueryStarted(bool follow);

    /// <summary>A node's GetFlows stream failed during a query (a transport error or the node's own error status).</summary>
    void NodeStreamFailed(string node, Exception error);
}

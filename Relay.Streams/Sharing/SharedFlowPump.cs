using Relay.Streams.Wire;

namespace Relay.Streams.Sharing;

/// <summary>
/// Reads a node's stream into a <see cref="FlowHub"/> as fast as it delivers, without a stream graph: each
/// response is offered on the thread that received it. The hub never waits, so nothing needs backpressure here.
/// </summary>
public static class SharedFlowPump
{
    /// <summary>
    /// Starts reading <paramref name="upstream"/> into <paramref name="hub"/>: its end or failure ends the hub.
    /// The owner stops it by cancelling the token the upstream was opened with once the hub has terminated.
    /// </summary>
    /// <returns>The pump, which never fails (its failures go to the hub).</returns>
    public static Task Run(FlowHub hub, IAsyncEnumerable<RawFlowResponse> upstream)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(upstream);
        return PumpAsync(hub, upstream);
    }

    private static async Task PumpAsync(FlowHub hub, IAsyncEnumerable<RawFlowResponse> upstream)
    {
        // Off the caller's thread (a query's stream actor) before the node call is even sent.
        await Task.Yield();
        try
        {
            await foreach (var response in upstream.ConfigureAwait(false))
            {
                hub.Offer(response);
            }

            hub.Complete();
        }
        catch (Exception error)
        {
            // After the hub closed (its last follower left and the call was cancelled) this is a no-op.
            hub.Fail(error);
        }
    }
}

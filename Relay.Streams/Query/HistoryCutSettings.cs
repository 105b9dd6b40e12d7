namespace Relay.Streams.Query;

/// <summary>
/// How a GetFlows query's <c>number</c> applies to the merged stream.
/// </summary>
/// <param name="Number">How many flows in total; 0 = no cut.</param>
/// <param name="First">Take the earliest <paramref name="Number"/> flows instead of the most recent.</param>
/// <param name="LiveBoundaryNanos">
/// In follow mode, the call's start on the relay clock (Unix ns): flows up to it are history and get the
/// last-N cut; later flows stream live. Null for a history-only query.
/// </param>
/// <param name="Lateness">
/// In follow mode, how long past the boundary the cut waits for straggling history before releasing it.
/// </param>
public sealed record HistoryCutSettings(int Number, bool First, long? LiveBoundaryNanos, TimeSpan Lateness);

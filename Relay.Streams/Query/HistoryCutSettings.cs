namespace Relay.Streams.Query;

/// <summary>How a GetFlows query's <c>number</c> applies to the merged history.</summary>
/// <param name="Number">How many flows in total; 0 = no cut.</param>
/// <param name="First">Take the earliest <paramref name="Number"/> flows instead of the most recent.</param>
public sealed record HistoryCutSettings(int Number, bool First);

namespace Relay.Fleet.Ring;

/// <summary>
/// What a GetFlows-like request asks of a ring: <c>number</c>, <c>first</c>, <c>follow</c> and the
/// <c>since</c>/<c>until</c> window (Unix nanoseconds, inclusive).
/// </summary>
public sealed record RingQuery(ulong Number = 0, bool First = false, bool Follow = false, long? SinceNanos = null, long? UntilNanos = null);

using Google.Protobuf.WellKnownTypes;

namespace Relay.Streams.Time;

/// <summary>
/// Flow times as Unix nanoseconds (a <c>long</c>), the one representation the merge, the query and the fleet
/// compare on; conversions from the clock and to and from protobuf timestamps live here only.
/// </summary>
public static class UnixNanos
{
    private const long PerSecond = 1_000_000_000L;

    public static long From(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * TimeSpan.NanosecondsPerTick;

    /// <summary>A duration in nanoseconds.</summary>
    public static long Of(TimeSpan duration) => duration.Ticks * TimeSpan.NanosecondsPerTick;

    public static long From(long seconds, long nanos) => (seconds * PerSecond) + nanos;

    public static long From(Timestamp timestamp) => From(timestamp.Seconds, timestamp.Nanos);

    public static Timestamp ToTimestamp(long nanos) =>
        new() { Seconds = Math.DivRem(nanos, PerSecond, out var rest), Nanos = (int)rest };
}

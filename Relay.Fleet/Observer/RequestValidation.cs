using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Relay.Fleet.Ring;

namespace Relay.Fleet.Observer;

/// <summary>
/// Turns the common fields of GetFlows/GetAgentEvents/GetDebugEvents into a <see cref="RingQuery"/>,
/// rejecting what a Hubble node rejects with InvalidArgument and a message naming the field.
/// </summary>
internal static class RequestValidation
{
    // Timestamp's valid range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    public static RingQuery ToQuery(ulong number, bool first, bool follow, Timestamp? since, Timestamp? until)
    {
        if (first && follow)
        {
            throw InvalidArgument("first cannot be specified with follow");
        }

        // Like Hubble, a since after until is not an error: the window is simply empty.
        return new RingQuery(number, first, follow, ToNanos(since, "since"), ToNanos(until, "until"));
    }

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static long? ToNanos(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (timestamp.Seconds is < MinSeconds or > MaxSeconds || timestamp.Nanos is < 0 or >= 1_000_000_000)
        {
            throw InvalidArgument($"{field}: invalid timestamp (seconds {timestamp.Seconds}, nanos {timestamp.Nanos})");
        }

        // Unix nanoseconds in a long reach years 1678 to 2262; clamp beyond, which keeps comparisons right.
        const long limit = long.MaxValue / 1_000_000_000 - 1;
        if (timestamp.Seconds > limit)
        {
            return long.MaxValue;
        }

        if (timestamp.Seconds < -limit)
        {
            return long.MinValue;
        }

        return timestamp.Seconds * 1_000_000_000 + timestamp.Nanos;
    }
}

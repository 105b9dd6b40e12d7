using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hubble.Flow;
using Hubble.Observer;

namespace Relay.Api.Grpc;

/// <summary>
/// Checks the parts of a GetFlows request the relay interprets itself (number/first/follow for the global cut,
/// since/until for the history boundary, the field mask it may apply). Filters are the nodes' business: they are
/// forwarded unchecked and a node that rejects one reports NODE_ERROR.
/// </summary>
internal static class FlowRequestValidator
{
    /// <summary>Throws <see cref="RpcException"/> with <see cref="StatusCode.InvalidArgument"/> naming the field.</summary>
    public static void Validate(GetFlowsRequest request)
    {
        var error = Check(request);
        if (error is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, error));
        }
    }

    /// <summary>The first problem found, as "field: problem", or null when the request is valid.</summary>
    public static string? Check(GetFlowsRequest request)
    {
        if (request.First && request.Follow)
        {
            return "first: cannot be combined with follow (first takes the oldest flows, follow streams the newest)";
        }

        if (request.First && request.Number == 0)
        {
            return "first: needs number, the count of oldest flows to return";
        }

        if (request.Number > int.MaxValue)
        {
            return $"number: {request.Number} is too large (at most {int.MaxValue})";
        }

        if (request.Number > 0 && (request.Since is not null || request.Until is not null))
        {
            return "number: cannot be combined with since/until (a time window already bounds the flows)";
        }

        if (request.Since is { } since && !IsValid(since))
        {
            return "since: not a valid timestamp";
        }

        if (request.Until is { } until && !IsValid(until))
        {
            return "until: not a valid timestamp";
        }

        if (request.Since is not null && request.Until is not null && request.Since.ToDateTimeOffset() > request.Until.ToDateTimeOffset())
        {
            return "since: must not be after until";
        }

        if (request.FieldMask is { Paths.Count: > 0 } mask && !FieldMask.IsValid(Flow.Descriptor, mask))
        {
            var bad = mask.Paths.First(p => !FieldMask.IsValid(Flow.Descriptor, new FieldMask { Paths = { p } }));
            return $"field_mask: \"{bad}\" is not a field of flow.Flow";
        }

        return null;
    }

    private static bool IsValid(Timestamp timestamp) =>
        timestamp.Seconds is >= -62135596800L and <= 253402300799L && timestamp.Nanos is >= 0 and < 1_000_000_000;
}

using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;
using Hubble.Observer;

namespace Relay.Fleet.Observer;

/// <summary>
/// Applies a GetFlows <c>field_mask</c> the way a Hubble node does: each flow is copied with only the
/// masked fields, and the response's top-level <c>time</c> and <c>node_name</c> come from the masked flow
/// (so they are empty unless the mask keeps them).
/// </summary>
internal sealed class FieldMaskProjection
{
    private readonly FieldMask _mask;

    private FieldMaskProjection(FieldMask mask) => _mask = mask;

    /// <summary>Null when the request has no mask (flows pass unchanged); throws InvalidArgument for an invalid path.</summary>
    public static FieldMaskProjection? Create(FieldMask? mask)
    {
        if (mask is null || mask.Paths.Count == 0)
        {
            return null;
        }

        foreach (var path in mask.Paths)
        {
            if (!FieldMask.IsValid(Flow.Descriptor, path))
            {
                throw RequestValidation.InvalidArgument($"field_mask: invalid path '{path}' for flow.Flow");
            }
        }

        return new FieldMaskProjection(mask.Normalize());
    }

    public GetFlowsResponse Apply(GetFlowsResponse response)
    {
        var masked = new Flow();
        _mask.Merge(response.Flow, masked);
        return new GetFlowsResponse { Flow = masked, Time = masked.Time, NodeName = masked.NodeName };
    }
}

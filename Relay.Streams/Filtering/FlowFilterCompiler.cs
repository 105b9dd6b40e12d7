using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// Compiles one FlowFilter: refuses fields it cannot evaluate (found through the protobuf descriptor and the
/// wire data, so fields added later are refused rather than ignored), then builds a predicate per set field.
/// </summary>
internal static class FlowFilterCompiler
{
    public static CompiledFlowFilter Compile(FlowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RejectUnknownFields(filter);
        RejectUnsupportedFields(filter);

        var predicates = new List<FlowPredicate>();
        foreach (var (number, build) in FilterFieldCatalog.Fields)
        {
            var field = FlowFilter.Descriptor.FindFieldByNumber(number);
            if (!FieldPresence.IsSet(field, filter))
            {
                continue;
            }

            try
            {
                predicates.Add(build(filter));
            }
            catch (FormatException e)
            {
                throw new UnsupportedFilterException(field.Name, e.Message);
            }
        }

        return new CompiledFlowFilter(predicates.ToArray());
    }

    private static void RejectUnsupportedFields(FlowFilter filter)
    {
        foreach (var field in FlowFilter.Descriptor.Fields.InFieldNumberOrder())
        {
            if (FieldPresence.IsSet(field, filter) && !FilterFieldCatalog.Supports(field.FieldNumber))
            {
                throw new UnsupportedFilterException(field.Name, "this filter is not supported by the relay");
            }
        }
    }

    private static void RejectUnknownFields(FlowFilter filter)
    {
        if (UnknownFieldScanner.FindUnknownField(filter) is { } field)
        {
            throw new UnsupportedFilterException(field, "the filter carries a field unknown to the relay");
        }
    }
}

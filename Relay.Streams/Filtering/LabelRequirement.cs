using System.Globalization;
using Google.Protobuf.Collections;

namespace Relay.Streams.Filtering;

/// <summary>
/// One requirement of a label selector, evaluated against Cilium labels the way Cilium's label array answers
/// Kubernetes' <c>Has</c>/<c>Get</c>: the first label with the key (and the source, unless it is <c>any</c>).
/// </summary>
internal sealed class LabelRequirement(
    string source,
    string key,
    LabelOperator op,
    string[] values,
    long number = 0)
{
    private readonly bool _anySource = source == CiliumLabel.AnySource;

    public bool Matches(RepeatedField<string> labels)
    {
        var found = TryGetValue(labels, out var value);
        return op switch
        {
            LabelOperator.Exists => found,
            LabelOperator.DoesNotExist => !found,
            LabelOperator.Equals or LabelOperator.In => found && HasValue(value),
            LabelOperator.NotEquals or LabelOperator.NotIn => !found || !HasValue(value),
            LabelOperator.GreaterThan => found && TryParseNumber(value, out var greater) && greater > number,
            LabelOperator.LessThan => found && TryParseNumber(value, out var less) && less < number,
            _ => false,
        };
    }

    private bool TryGetValue(RepeatedField<string> labels, out ReadOnlySpan<char> value)
    {
        // Indexing, not foreach: RepeatedField's enumerator is a heap object.
        for (var i = 0; i < labels.Count; i++)
        {
            var label = CiliumLabel.Parse(labels[i]);
            if (label.Key.SequenceEqual(key) && (_anySource || label.Source.SequenceEqual(source)))
            {
                value = label.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private bool HasValue(ReadOnlySpan<char> value)
    {
        foreach (var candidate in values)
        {
            if (value.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
}

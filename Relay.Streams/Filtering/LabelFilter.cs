using Google.Protobuf.Collections;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>source_label</c>, <c>destination_label</c>, <c>node_labels</c>: any of the selectors selects the labels.
/// </summary>
internal sealed class LabelFilter : FlowPredicate
{
    private static readonly RepeatedField<string> NoLabels = [];

    private readonly LabelSelector[] _selectors;
    private readonly Func<Flow, RepeatedField<string>?> _read;

    private LabelFilter(LabelSelector[] selectors, Func<Flow, RepeatedField<string>?> read)
    {
        _selectors = selectors;
        _read = read;
    }

    public static LabelFilter Create(IEnumerable<string> values, Func<Flow, RepeatedField<string>?> read) =>
        new(values.Select(LabelSelectorParser.Parse).ToArray(), read);

    public override bool Matches(Flow flow)
    {
        var labels = _read(flow) ?? NoLabels;
        foreach (var selector in _selectors)
        {
            if (selector.Matches(labels))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text.RegularExpressions;
using Google.Protobuf.Collections;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary><c>source_fqdn</c>, <c>destination_fqdn</c>: one of the flow's DNS names matches a pattern.</summary>
internal sealed class FqdnFilter : FlowPredicate
{
    private readonly Regex _pattern;
    private readonly Func<Flow, RepeatedField<string>> _read;

    private FqdnFilter(Regex pattern, Func<Flow, RepeatedField<string>> read)
    {
        _pattern = pattern;
        _read = read;
    }

    public static FqdnFilter Create(IEnumerable<string> values, Func<Flow, RepeatedField<string>> read) =>
        new(FilterRegex.Compile(NamePatterns.FqdnRegex(values)), read);

    public override bool Matches(Flow flow)
    {
        var names = _read(flow);
        for (var i = 0; i < names.Count; i++)
        {
            if (_pattern.IsMatch(names[i]))
            {
                return true;
            }
        }

        return false;
    }
}

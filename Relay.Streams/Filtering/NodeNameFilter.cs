using System.Text.RegularExpressions;
using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>node_name</c>: the flow's node name, as <c>cluster/node</c>, matches a pattern. A node name without a
/// cluster belongs to cluster <c>default</c>, as on Hubble nodes.
/// </summary>
internal sealed class NodeNameFilter : FlowPredicate
{
    private const string DefaultClusterPrefix = "default/";
    private const int MaxStackName = 256;

    private readonly Regex _pattern;

    private NodeNameFilter(Regex pattern) => _pattern = pattern;

    public static NodeNameFilter Create(IEnumerable<string> values) =>
        new(FilterRegex.Compile(NamePatterns.NodeNameRegex(values)));

    public override bool Matches(Flow flow)
    {
        var name = flow.NodeName;
        if (name.Length == 0)
        {
            return false;
        }

        if (name.Contains('/'))
        {
            return _pattern.IsMatch(name);
        }

        var length = DefaultClusterPrefix.Length + name.Length;
        if (length > MaxStackName)
        {
            return _pattern.IsMatch(DefaultClusterPrefix + name);
        }

        Span<char> qualified = stackalloc char[length];
        DefaultClusterPrefix.CopyTo(qualified);
        name.CopyTo(qualified[DefaultClusterPrefix.Length..]);
        return _pattern.IsMatch(qualified);
    }
}

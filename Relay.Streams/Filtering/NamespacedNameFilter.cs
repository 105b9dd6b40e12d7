using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>source_pod</c>, <c>destination_pod</c>, <c>source_service</c>, <c>destination_service</c>, with Hubble's
/// rules: <c>name</c> means a name prefix in namespace <c>default</c>, <c>ns/</c> every name in <c>ns</c>,
/// <c>ns/prefix</c> a name prefix in <c>ns</c>.
/// </summary>
internal sealed class NamespacedNameFilter : FlowPredicate
{
    private const string DefaultNamespace = "default";

    private readonly (string Namespace, string NamePrefix)[] _patterns;
    private readonly Func<Flow, (string Namespace, string Name)> _read;

    private NamespacedNameFilter((string, string)[] patterns, Func<Flow, (string Namespace, string Name)> read)
    {
        _patterns = patterns;
        _read = read;
    }

    public static NamespacedNameFilter Create(
        IEnumerable<string> values,
        Func<Flow, (string Namespace, string Name)> read) =>
        new(values.Select(ParsePattern).ToArray(), read);

    public override bool Matches(Flow flow)
    {
        var (ns, name) = _read(flow);
        if (ns.Length == 0 && name.Length == 0)
        {
            return false;
        }

        foreach (var (patternNamespace, prefix) in _patterns)
        {
            if (patternNamespace == ns && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static (string, string) ParsePattern(string value)
    {
        // Like Hubble, only the first two '/'-separated parts count.
        var parts = value.Split('/');
        var pattern = parts.Length > 1 ? (parts[0], parts[1]) : (DefaultNamespace, value);
        if (value.Length == 0 || (parts.Length > 1 && parts[0].Length == 0 && parts[1].Length == 0))
        {
            throw new FormatException($"invalid filter, must be [namespace/][<name>], got \"{value}\"");
        }

        return pattern;
    }
}

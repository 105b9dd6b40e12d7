using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>source_ip</c>, <c>destination_ip</c>, <c>source_ip_xlated</c>: the flow's address equals one of the
/// filter's addresses or lies in one of its CIDR prefixes.
/// </summary>
internal sealed class IpFilter : FlowPredicate
{
    private readonly IpPrefix[] _prefixes;
    private readonly Func<Flow, string?> _read;

    private IpFilter(IpPrefix[] prefixes, Func<Flow, string?> read)
    {
        _prefixes = prefixes;
        _read = read;
    }

    public static IpFilter Create(IEnumerable<string> values, Func<Flow, string?> read) =>
        new(values.Select(IpPrefix.Parse).ToArray(), read);

    public override bool Matches(Flow flow)
    {
        var text = _read(flow);
        if (string.IsNullOrEmpty(text) || !IpAddressParser.TryParse(text, out var address, out _))
        {
            return false;
        }

        foreach (var prefix in _prefixes)
        {
            if (prefix.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}

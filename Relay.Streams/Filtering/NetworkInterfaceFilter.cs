using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>interface</c>: the flow's network interface has the index (when non-zero) and the name (when non-empty)
/// of one of the filter's entries.
/// </summary>
internal sealed class NetworkInterfaceFilter : FlowPredicate
{
    private readonly (uint Index, string Name)[] _wanted;

    private NetworkInterfaceFilter((uint, string)[] wanted) => _wanted = wanted;

    public static NetworkInterfaceFilter Create(IEnumerable<NetworkInterface> values) =>
        new(values.Select(i => (i.Index, i.Name)).ToArray());

    public override bool Matches(Flow flow)
    {
        var networkInterface = flow.Interface;
        if (networkInterface is null)
        {
            return false;
        }

        foreach (var (index, name) in _wanted)
        {
            if ((index == 0 || index == networkInterface.Index) && (name.Length == 0 || name == networkInterface.Name))
            {
                return true;
            }
        }

        return false;
    }
}

using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>tcp_flags</c>: the flow's TCP flags include every flag of one of the filter's entries
/// (<c>SYN</c> matches <c>SYN,ACK</c>; an entry without flags matches any TCP flow that reports flags).
/// </summary>
internal sealed class TcpFlagsFilter : FlowPredicate
{
    private readonly int[] _wanted;

    private TcpFlagsFilter(int[] wanted) => _wanted = wanted;

    public static TcpFlagsFilter Create(IEnumerable<TCPFlags> values) => new(values.Select(ToBits).ToArray());

    public override bool Matches(Flow flow)
    {
        var flags = flow.L4?.TCP?.Flags;
        if (flags is null)
        {
            return false;
        }

        var present = ToBits(flags);
        foreach (var wanted in _wanted)
        {
            if ((present & wanted) == wanted)
            {
                return true;
            }
        }

        return false;
    }

    private static int ToBits(TCPFlags flags) =>
        (flags.FIN ? 1 << 0 : 0)
        | (flags.SYN ? 1 << 1 : 0)
        | (flags.RST ? 1 << 2 : 0)
        | (flags.PSH ? 1 << 3 : 0)
        | (flags.ACK ? 1 << 4 : 0)
        | (flags.URG ? 1 << 5 : 0)
        | (flags.ECE ? 1 << 6 : 0)
        | (flags.CWR ? 1 << 7 : 0)
        | (flags.NS ? 1 << 8 : 0);
}

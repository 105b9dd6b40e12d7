using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// <c>source_workload</c>, <c>destination_workload</c>: the endpoint has a workload whose name and kind equal
/// one of the filter's (an empty name or kind matches any).
/// </summary>
internal sealed class WorkloadFilter : FlowPredicate
{
    private readonly (string Name, string Kind)[] _wanted;
    private readonly Func<Flow, Endpoint?> _read;

    private WorkloadFilter((string, string)[] wanted, Func<Flow, Endpoint?> read)
    {
        _wanted = wanted;
        _read = read;
    }

    public static WorkloadFilter Create(IEnumerable<Workload> values, Func<Flow, Endpoint?> read) =>
        new(values.Select(w => (w.Name, w.Kind)).ToArray(), read);

    public override bool Matches(Flow flow)
    {
        var workloads = _read(flow)?.Workloads;
        if (workloads is null)
        {
            return false;
        }

        for (var i = 0; i < workloads.Count; i++)
        {
            var workload = workloads[i];
            foreach (var (name, kind) in _wanted)
            {
                if ((name.Length == 0 || name == workload.Name) && (kind.Length == 0 || kind == workload.Kind))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

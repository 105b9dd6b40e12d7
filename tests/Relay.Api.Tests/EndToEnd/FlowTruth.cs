using Hubble.Flow;
using Hubble.Observer;
using Relay.Fleet;

namespace Relay.Api.Tests.EndToEnd;

/// <summary>What the fleet holds, merged the way the relay must merge it: by time, ties by node name.</summary>
internal static class FlowTruth
{
    public static List<Flow> Merged(SimulatedFleet fleet) =>
        fleet.Nodes
            .SelectMany(n => n.FlowsInRing())
            .OrderBy(f => f.Time.ToDateTimeOffset())
            .ThenBy(f => f.NodeName, StringComparer.Ordinal)
            .ToList();

    public static List<Flow> Flows(IEnumerable<GetFlowsResponse> responses) =>
        responses.Where(r => r.ResponseTypesCase == GetFlowsResponse.ResponseTypesOneofCase.Flow).Select(r => r.Flow).ToList();

    public static void AssertTimeOrdered(IReadOnlyList<Flow> flows)
    {
        for (var i = 1; i < flows.Count; i++)
        {
            var previous = flows[i - 1].Time.ToDateTimeOffset();
            var current = flows[i].Time.ToDateTimeOffset();
            Assert.True(previous <= current, $"flow {i} ({current:O} from {flows[i].NodeName}) is older than flow {i - 1} ({previous:O} from {flows[i - 1].NodeName})");
        }
    }
}

using Hubble.Flow;
using Hubble.Observer;
using Relay.Api.Tests.EndToEnd;
using Relay.Streams.Wire;

namespace Relay.Api.Tests.ScaleOut;

/// <summary>
/// History queries as <c>hubble observe</c> sends them, on each replica of a relay cluster: each replica reads the
/// nodes it does not own through their owners, and answers exactly what a single relay over the same nodes does.
/// </summary>
[Collection(ClusterFleetCollection.Name)]
public sealed class ClusterHistoryTests(ClusterFleet cluster)
{
    /// <summary>The command line, the request it sends, and what it must return from the merged rings.</summary>
    public static TheoryData<string> Queries => new(Shapes.Keys);

    private static readonly Dictionary<string, (GetFlowsRequest Request, Func<List<Flow>, IEnumerable<Flow>> Expected)> Shapes = new()
    {
        ["hubble observe"] = (new GetFlowsRequest { Number = 20 }, all => all.TakeLast(20)),
        ["hubble observe --last 500 --verdict DROPPED"] = (
            new GetFlowsRequest { Number = 500, Whitelist = { new FlowFilter { Verdict = { Verdict.Dropped } } } },
            all => all.Where(f => f.Verdict == Verdict.Dropped).TakeLast(500)),
        ["hubble observe --first 30"] = (new GetFlowsRequest { Number = 30, First = true }, all => all.Take(30)),
        ["hubble observe --first 200 --verdict FORWARDED"] = (
            new GetFlowsRequest { Number = 200, First = true, Whitelist = { new FlowFilter { Verdict = { Verdict.Forwarded } } } },
            all => all.Where(f => f.Verdict == Verdict.Forwarded).Take(200)),
        ["hubble observe --last 100000"] = (new GetFlowsRequest { Number = 100_000 }, all => all),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task History_OnEveryReplica_IsWhatASingleRelayAnswers_ByteForByte(string command)
    {
        var (request, expected) = Shapes[command];
        var truth = expected(FlowTruth.Merged(cluster.Fleet)).ToList();
        Assert.NotEmpty(truth);

        var reference = await cluster.ReadRawAsync(cluster.Single, request);
        Assert.Equal(truth, reference.Where(r => r.Kind == ResponseKind.Flow).Select(r => GetFlowsResponse.Parser.ParseFrom(r.Payload).Flow));

        foreach (var replica in cluster.Replicas)
        {
            var answer = await cluster.ReadRawAsync(replica, request);
            Assert.Equal(Describe(reference), Describe(answer));
        }
    }

    /// <summary>
    /// Flows as their bytes; status events by state and node names (their <c>time</c> is the answering relay's clock
    /// and their <c>node_name</c> the relay's own).
    /// </summary>
    private static List<string> Describe(IEnumerable<RawFlowResponse> responses) =>
        responses.Select(r =>
        {
            if (r.Kind == ResponseKind.Flow)
            {
                return Convert.ToHexString(r.Payload);
            }

            var parsed = GetFlowsResponse.Parser.ParseFrom(r.Payload);
            return parsed.NodeStatus is { } status
                ? $"{status.StateChange} {string.Join(",", status.NodeNames.Order(StringComparer.Ordinal))} {status.Message}"
                : parsed.ToString();
        }).ToList();
}

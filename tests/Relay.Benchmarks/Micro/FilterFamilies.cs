using Hubble.Flow;

namespace Relay.Benchmarks.Micro;

/// <summary>
/// One FlowFilter per family the matcher evaluates, each written so that it matches the sample flow (the costlier
/// path: every field is evaluated), as <c>hubble observe</c> would send it.
/// </summary>
internal static class FilterFamilies
{
    public static IReadOnlyDictionary<string, Func<FlowFilter>> All { get; } = new Dictionary<string, Func<FlowFilter>>
    {
        ["verdict"] = () => new FlowFilter { Verdict = { Verdict.Forwarded } },
        ["protocol"] = () => new FlowFilter { Protocol = { "tcp" } },
        ["port"] = () => new FlowFilter { DestinationPort = { "8080" } },
        ["tcp-flags"] = () => new FlowFilter { TcpFlags = { new TCPFlags { PSH = true } } },
        ["ip-cidr"] = () => new FlowFilter { SourceIp = { "10.0.17.0/24" } },
        ["pod-prefix"] = () => new FlowFilter { SourcePod = { "shop/frontend-" } },
        ["service"] = () => new FlowFilter { DestinationService = { "shop/cart" } },
        ["workload"] = () => new FlowFilter { DestinationWorkload = { new Workload { Name = "cart" } } },
        ["label"] = () => new FlowFilter { SourceLabel = { "k8s:app=frontend" } },
        ["label-selector"] = () => new FlowFilter { DestinationLabel = { "k8s:app=cart,k8s:tier!=web" } },
        ["fqdn-wildcard"] = () => new FlowFilter { DestinationFqdn = { "*.shop.svc.cluster.local" } },
        ["node-name"] = () => new FlowFilter { NodeName = { "kind-worker-*" } },
        ["http-status"] = () => new FlowFilter { HttpStatusCode = { "2+" } },
        ["http-method"] = () => new FlowFilter { HttpMethod = { "GET" } },
        ["http-path-regex"] = () => new FlowFilter { HttpPath = { "/api/v1/cart/[0-9]+" } },
        ["namespace+verdict"] = () => new FlowFilter { SourcePod = { "shop/" }, Verdict = { Verdict.Forwarded }, Protocol = { "tcp" } },
    };

    /// <summary>True for families that only apply to L7 (HTTP) records.</summary>
    public static bool NeedsHttp(string family) => family.StartsWith("http-", StringComparison.Ordinal);
}

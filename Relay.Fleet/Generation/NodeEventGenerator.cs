using Google.Protobuf.WellKnownTypes;
using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// Agent events (endpoint, policy and ipcache changes) and datapath debug events of one node,
/// deterministic for a seed and node index like the flows.
/// </summary>
internal sealed class NodeEventGenerator(ClusterModel model, int seed, int nodeIndex)
{
    private static readonly DebugEventType[] DebugTypes =
    [
        DebugEventType.DbgCtLookup41, DebugEventType.DbgCtLookup42, DebugEventType.DbgCtMatch, DebugEventType.DbgCtCreated4,
        DebugEventType.DbgCtVerdict, DebugEventType.DbgLb4LookupFrontend, DebugEventType.DbgIpIdMapSucceed4,
        DebugEventType.DbgPolicyDenied, DebugEventType.DbgL4Policy, DebugEventType.DbgLocalDelivery,
    ];

    private readonly Random _random = StableRandom.For(seed, 2, nodeIndex);
    private ulong _policyRevision = 1;

    /// <summary>The event a freshly started agent reports first.</summary>
    public AgentEvent Started(Timestamp startTime) =>
        new() { Type = AgentEventType.AgentStarted, AgentStart = new TimeNotification { Time = startTime } };

    public AgentEvent NextAgentEvent()
    {
        var app = _random.Next(ClusterModel.Apps.Count);
        var pod = model.Pod(nodeIndex, app, seenLocally: true);
        switch (_random.Next(5))
        {
            case 0:
                var policy = new PolicyUpdateNotification { Revision = ++_policyRevision, RuleCount = _random.Next(1, 6) };
                policy.Labels.Add($"k8s:io.cilium.k8s.policy.name=allow-{ClusterModel.Apps[app].Name}");
                policy.Labels.Add($"k8s:io.cilium.k8s.policy.namespace={pod.Endpoint.Namespace}");
                return new AgentEvent { Type = AgentEventType.PolicyUpdated, PolicyUpdate = policy };
            case 1:
                var created = new EndpointRegenNotification { Id = pod.Endpoint.ID };
                created.Labels.Add(pod.Endpoint.Labels);
                return new AgentEvent { Type = AgentEventType.EndpointCreated, EndpointRegenerate = created };
            case 2:
                var regenerated = new EndpointRegenNotification { Id = pod.Endpoint.ID };
                regenerated.Labels.Add(pod.Endpoint.Labels);
                return new AgentEvent { Type = AgentEventType.EndpointRegenerateSuccess, EndpointRegenerate = regenerated };
            case 3:
                var deleted = new EndpointUpdateNotification { Id = pod.Endpoint.ID, PodName = pod.Endpoint.PodName, Namespace = pod.Endpoint.Namespace };
                deleted.Labels.Add(pod.Endpoint.Labels);
                return new AgentEvent { Type = AgentEventType.EndpointDeleted, EndpointUpdate = deleted };
            default:
                var ipcache = new IPCacheNotification
                {
                    Cidr = $"{pod.IPv4}/32",
                    Identity = pod.Endpoint.Identity,
                    HostIp = ClusterModel.NodeIPv4(nodeIndex),
                    Namespace = pod.Endpoint.Namespace,
                    PodName = pod.Endpoint.PodName,
                };
                return new AgentEvent { Type = AgentEventType.IpcacheUpserted, IpcacheUpdate = ipcache };
        }
    }

    public DebugEvent NextDebugEvent()
    {
        var type = DebugTypes[_random.Next(DebugTypes.Length)];
        var app = _random.Next(ClusterModel.Apps.Count);
        var source = model.Pod(nodeIndex, app, seenLocally: true);
        var peer = model.Pod(_random.Next(nodeIndex + 1), _random.Next(ClusterModel.Apps.Count), seenLocally: false);
        var sport = (uint)_random.Next(32768, 61000);
        var dport = (uint)Math.Max(ClusterModel.Apps[app].Port, 80);
        return new DebugEvent
        {
            Type = type,
            Source = source.Endpoint,
            Hash = (uint)_random.Next(),
            Arg1 = (uint)_random.Next(1, 4096),
            Arg2 = sport << 16 | dport,
            Arg3 = 0,
            Cpu = _random.Next(0, 4),
            Message = $"{Describe(type)}: src={source.IPv4}:{sport} dst={peer.IPv4}:{dport}",
        };
    }

    private static string Describe(DebugEventType type) => type switch
    {
        DebugEventType.DbgCtLookup41 => "Conntrack lookup 1/2",
        DebugEventType.DbgCtLookup42 => "Conntrack lookup 2/2",
        DebugEventType.DbgCtMatch => "CT entry found",
        DebugEventType.DbgCtCreated4 => "CT created 1/2",
        DebugEventType.DbgCtVerdict => "CT verdict: Established",
        DebugEventType.DbgLb4LookupFrontend => "LB4 lookup frontend",
        DebugEventType.DbgIpIdMapSucceed4 => "Successfully mapped addr to identity",
        DebugEventType.DbgPolicyDenied => "Policy evaluation would deny packet",
        DebugEventType.DbgL4Policy => "Resolved L4 policy",
        _ => "Attempting local delivery",
    };
}

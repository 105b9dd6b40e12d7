using System.Collections.Concurrent;
using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// The simulated cluster every node observes: a fixed catalogue of workloads (one pod of each per node,
/// pod addresses from the node's pod CIDR), their security identities, the host and the outside world.
/// Everything is derived from the seed, so two fleets with the same seed describe the same cluster.
/// </summary>
internal sealed class ClusterModel
{
    /// <summary>The workloads, by index. Their order is part of the deterministic model.</summary>
    public static readonly IReadOnlyList<AppSpec> Apps =
    [
        new("kube-system", "coredns", "Deployment", 53, AppProtocol.Dns, "kube-dns"),
        new("shop", "frontend", "Deployment", 8080, AppProtocol.Http, "frontend"),
        new("shop", "catalog", "Deployment", 3550, AppProtocol.Http, "catalog"),
        new("shop", "cart", "Deployment", 7070, AppProtocol.Http, "cart"),
        new("shop", "checkout", "Deployment", 5050, AppProtocol.Http, "checkout"),
        new("shop", "redis-cart", "StatefulSet", 6379, AppProtocol.Tcp, "redis-cart"),
        new("payments", "payment-api", "Deployment", 8443, AppProtocol.Tcp, "payment-api"),
        new("payments", "postgres", "StatefulSet", 5432, AppProtocol.Tcp, "postgres"),
        new("monitoring", "prometheus", "StatefulSet", 9090, AppProtocol.Http, "prometheus"),
        new("ingress-nginx", "ingress-nginx-controller", "Deployment", 80, AppProtocol.Http, "ingress-nginx-controller"),
        new("default", "loadgen", "Deployment", 0, AppProtocol.None, null),
    ];

    /// <summary>Destinations outside the cluster.</summary>
    public static readonly IReadOnlyList<WorldHost> World =
    [
        new("api.stripe.com", "54.187.174.169", "2600:1f14:e22:d200::a", 443),
        new("api.github.com", "140.82.112.6", "2606:50c0:8000::64", 443),
        new("www.googleapis.com", "142.250.74.106", "2a00:1450:4001:82b::200a", 443),
        new("registry-1.docker.io", "54.236.113.205", "2600:1f18:2148:bc00::c", 443),
    ];

    private const uint HostIdentity = 1;
    private const uint WorldIdentity = 2;
    private const uint RemoteNodeIdentity = 6;

    private readonly int _seed;
    private readonly uint[] _identities;
    private readonly ConcurrentDictionary<(int Node, int App, bool Local), PodEndpoint> _pods = new();
    private readonly ConcurrentDictionary<(int Node, bool Local), PodEndpoint> _hosts = new();
    private readonly PodEndpoint[] _world;

    public ClusterModel(int seed, string clusterName)
    {
        _seed = seed;
        ClusterName = clusterName;
        _identities = AssignIdentities(seed);
        _world = World.Select(BuildWorld).ToArray();
    }

    public string ClusterName { get; }

    /// <summary>Namespaces of all workloads, sorted.</summary>
    public IReadOnlyList<string> Namespaces { get; } = Apps.Select(a => a.Namespace).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static int AppIndex(string name)
    {
        for (var i = 0; i < Apps.Count; i++)
        {
            if (Apps[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown app {name}", nameof(name));
    }

    /// <summary>The pod of app <paramref name="app"/> on node <paramref name="node"/>, as seen from that node or from another one.</summary>
    public PodEndpoint Pod(int node, int app, bool seenLocally) =>
        _pods.GetOrAdd((node, app, seenLocally), key => BuildPod(key.Node, key.App, key.Local));

    /// <summary>The node itself (reserved:host) or, seen from elsewhere, reserved:remote-node.</summary>
    public PodEndpoint Host(int node, bool seenLocally) =>
        _hosts.GetOrAdd((node, seenLocally), key => BuildHost(key.Node, key.Local));

    public PodEndpoint WorldEndpoint(int index) => _world[index];

    /// <summary>The cluster IP of an app's service (10.96.0.10 for the cluster DNS, as in kubeadm clusters).</summary>
    public string ServiceIp(int app) =>
        app == 0 ? "10.96.0.10" : $"10.96.{StableRandom.Mix(_seed, 31, app) % 200 + 1}.{StableRandom.Mix(_seed, 37, app) % 250 + 2}";

    public static string PodIPv4(int node, int app) => $"10.{node >> 8}.{node & 255}.{10 + app}";

    public static string PodIPv6(int node, int app) => $"fd00:10:{node >> 8:x}:{node & 255:x}::{10 + app:x}";

    public static string NodeIPv4(int node) => $"172.18.{node / 250}.{node % 250 + 2}";

    public static string NodeIPv6(int node) => $"fc00:f853:ccd:e793::{node + 2:x}";

    private static uint[] AssignIdentities(int seed)
    {
        var used = new HashSet<uint>();
        var identities = new uint[Apps.Count];
        for (var i = 0; i < Apps.Count; i++)
        {
            var candidate = (uint)(StableRandom.Mix(seed, 11, i) % 55_000) + 10_000;
            while (!used.Add(candidate))
            {
                candidate++;
            }

            identities[i] = candidate;
        }

        return identities;
    }

    private PodEndpoint BuildPod(int node, int app, bool local)
    {
        var spec = Apps[app];
        var podName = PodName(node, app);
        var endpoint = new Endpoint
        {
            // Endpoint IDs are only known for endpoints on the observing node.
            ID = local ? (uint)(StableRandom.Mix(_seed, 13, node, app) % 4000) + 1 : 0,
            Identity = _identities[app],
            ClusterName = ClusterName,
            Namespace = spec.Namespace,
            PodName = podName,
        };
        endpoint.Labels.Add(new[]
        {
            $"k8s:app={spec.Name}",
            $"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name={spec.Namespace}",
            $"k8s:io.cilium.k8s.policy.cluster={ClusterName}",
            $"k8s:io.cilium.k8s.policy.serviceaccount={spec.Name}",
            $"k8s:io.kubernetes.pod.namespace={spec.Namespace}",
        });
        endpoint.Workloads.Add(new Workload { Name = spec.Name, Kind = spec.Kind });
        var service = spec.Service is null ? null : new Service { Name = spec.Service, Namespace = spec.Namespace };
        return new PodEndpoint(endpoint, PodIPv4(node, app), PodIPv6(node, app), Mac(node, app + 1), service, null, node);
    }

    private PodEndpoint BuildHost(int node, bool local)
    {
        var endpoint = new Endpoint
        {
            ID = local ? (uint)(StableRandom.Mix(_seed, 17, node) % 4000) + 1 : 0,
            Identity = local ? HostIdentity : RemoteNodeIdentity,
            ClusterName = ClusterName,
        };
        endpoint.Labels.Add(local ? "reserved:host" : "reserved:remote-node");
        return new PodEndpoint(endpoint, NodeIPv4(node), NodeIPv6(node), Mac(node, 0), null, null, node);
    }

    private PodEndpoint BuildWorld(WorldHost host)
    {
        var endpoint = new Endpoint { Identity = WorldIdentity };
        endpoint.Labels.Add("reserved:world");
        return new PodEndpoint(endpoint, host.IPv4, host.IPv6, "00:00:00:00:00:00", null, host.Fqdn, -1);
    }

    private string PodName(int node, int app)
    {
        var spec = Apps[app];
        if (spec.Kind == "StatefulSet")
        {
            return $"{spec.Name}-{node}";
        }

        // Deployment pods: <name>-<replicaset hash>-<pod suffix>, like Kubernetes.
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var replicaSet = StableRandom.Mix(_seed, 19, app);
        var pod = StableRandom.Mix(_seed, 23, node, app);
        Span<char> buffer = stackalloc char[16];
        for (var i = 0; i < 10; i++)
        {
            buffer[i] = alphabet[(int)(replicaSet >> (i * 5) & 0x1F) % alphabet.Length];
        }

        buffer[10] = '-';
        for (var i = 0; i < 5; i++)
        {
            buffer[11 + i] = alphabet[(int)(pod >> (i * 5) & 0x1F) % alphabet.Length];
        }

        return $"{spec.Name}-{buffer}";
    }

    private string Mac(int node, int slot)
    {
        var value = StableRandom.Mix(_seed, 29, node, slot);
        return $"{(byte)(value & 0xFE) | 0x02:x2}:{(byte)(value >> 8):x2}:{(byte)(value >> 16):x2}:{(byte)(value >> 24):x2}:{(byte)(value >> 32):x2}:{(byte)(value >> 40):x2}";
    }
}

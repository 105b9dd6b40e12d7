using System.Globalization;
using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// Picks the next conversation a node observes, with a realistic mix: HTTP calls between the shop's tiers,
/// metric scrapes and kubelet probes, DNS lookups, database and TLS sessions, pings, policy drops,
/// audited connections and refused connections; about one pod-to-pod conversation in five over IPv6.
/// </summary>
internal sealed class ConversationPlanner(ClusterModel model, FlowFactory factory, int node, int knownNodes, Random random)
{
    private static readonly (string Client, string Server, HttpRoute[] Routes)[] HttpCalls =
    [
        ("ingress-nginx-controller", "frontend", [new("GET", "/", 0.01), new("GET", "/product/{id}", 0.02), new("POST", "/cart", 0.02)]),
        ("loadgen", "frontend", [new("GET", "/", 0.01), new("GET", "/product/{id}", 0.03)]),
        ("frontend", "catalog", [new("GET", "/api/products", 0.01), new("GET", "/api/products/{id}", 0.05)]),
        ("frontend", "cart", [new("GET", "/cart/{id}", 0.02), new("POST", "/cart/{id}/items", 0.03)]),
        ("frontend", "checkout", [new("POST", "/checkout", 0.04)]),
    ];

    private static readonly (string Client, string Server)[] TcpSessions =
    [
        ("cart", "redis-cart"),
        ("checkout", "payment-api"),
        ("payment-api", "postgres"),
    ];

    private static readonly HttpRoute Metrics = new("GET", "/metrics", 0.0);
    private static readonly HttpRoute Healthz = new("GET", "/healthz", 0.002);

    private readonly Dictionary<(int, int), Policy> _policies = new();

    /// <summary>Appends the flows of one new conversation to <paramref name="flows"/>.</summary>
    public void Next(List<Flow> flows)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 30:
                var call = HttpCalls[random.Next(HttpCalls.Length)];
                var route = call.Routes[random.Next(call.Routes.Length)];
                Http(flows, App(call.Client), App(call.Server), route);
                break;
            case < 35:
                Http(flows, App("prometheus"), HttpTarget(), Metrics);
                break;
            case < 40:
                Probe(flows);
                break;
            case < 62:
                Dns(flows);
                break;
            case < 76:
                var session = TcpSessions[random.Next(TcpSessions.Length)];
                var (client, server) = (App(session.Client), App(session.Server));
                var leg = PodLeg(client, server);
                TcpScripts.Session(factory, leg, flows, random, Policy(client, server));
                break;
            case < 82:
                External(flows);
                break;
            case < 88:
                Ping(flows);
                break;
            case < 94:
                var denied = PodLeg(App("loadgen"), App("postgres"));
                TcpScripts.Denied(factory, denied, flows, random, DenyPolicy());
                break;
            case < 97:
                // Audit mode: the connection would be denied but is let through and reported.
                var audited = PodLeg(App("catalog"), App("payment-api"));
                TcpScripts.Session(factory, audited, flows, random, null, Verdict.Audit);
                break;
            default:
                var refused = PodLeg(App("frontend"), App("cart"), serverPort: 7071);
                TcpScripts.Refused(factory, refused, flows);
                break;
        }
    }

    private static int App(string name) => ClusterModel.AppIndex(name);

    private int HttpTarget()
    {
        while (true)
        {
            var app = random.Next(ClusterModel.Apps.Count);
            if (ClusterModel.Apps[app].Protocol == AppProtocol.Http && ClusterModel.Apps[app].Name != "prometheus")
            {
                return app;
            }
        }
    }

    private void Http(List<Flow> flows, int client, int server, HttpRoute route)
    {
        var leg = PodLeg(client, server);
        L7Scripts.HttpCall(factory, leg, flows, random, Policy(client, server), route, Authority(server));
    }

    private void Probe(List<Flow> flows)
    {
        // The kubelet probes a local pod from the host.
        var server = HttpTarget();
        var leg = new Leg(model.Host(node, seenLocally: true), model.Pod(node, server, seenLocally: true), node, ipv6: false, EphemeralPort(), ClusterModel.Apps[server].Port);
        L7Scripts.HttpCall(factory, leg, flows, random, null, Healthz, $"{ClusterModel.PodIPv4(node, server)}:{ClusterModel.Apps[server].Port}");
    }

    private void Dns(List<Flow> flows)
    {
        int client;
        do
        {
            client = random.Next(ClusterModel.Apps.Count);
        }
        while (client == 0);

        var serverNode = random.Next(Math.Max(knownNodes, 1));
        var leg = Leg(client, node, 0, serverNode, ipv6: false, serverPort: 53);
        var ns = ClusterModel.Apps[client].Namespace;
        if (random.Next(3) == 0)
        {
            var world = ClusterModel.World[random.Next(ClusterModel.World.Count)];
            if (random.Next(2) == 0)
            {
                // ndots:5 makes resolvers try the search path first.
                L7Scripts.DnsLookup(factory, leg, flows, $"{world.Fqdn}.{ns}.svc.cluster.local.", "A", [], rcode: 3);
            }
            else
            {
                var aaaa = random.Next(4) == 0;
                L7Scripts.DnsLookup(factory, leg, flows, $"{world.Fqdn}.", aaaa ? "AAAA" : "A", [aaaa ? world.IPv6 : world.IPv4], rcode: 0);
            }

            return;
        }

        var target = random.Next(1, ClusterModel.Apps.Count);
        var spec = ClusterModel.Apps[target];
        if (spec.Service is null)
        {
            L7Scripts.DnsLookup(factory, leg, flows, $"{spec.Name}.{spec.Namespace}.svc.cluster.local.", "A", [], rcode: 3);
            return;
        }

        L7Scripts.DnsLookup(factory, leg, flows, $"{spec.Service}.{spec.Namespace}.svc.cluster.local.", "A", [model.ServiceIp(target)], rcode: 0);
    }

    private void External(List<Flow> flows)
    {
        var clients = new[] { "checkout", "payment-api", "frontend" };
        var client = App(clients[random.Next(clients.Length)]);
        var world = random.Next(ClusterModel.World.Count);
        var ipv6 = random.Next(5) == 0;
        var leg = new Leg(model.Pod(node, client, seenLocally: true), model.WorldEndpoint(world), node, ipv6, EphemeralPort(), ClusterModel.World[world].Port);
        TcpScripts.Session(factory, leg, flows, random, null);
    }

    private void Ping(List<Flow> flows)
    {
        var prometheus = App("prometheus");
        var ipv6 = random.Next(3) == 0;
        var peerNode = random.Next(Math.Max(knownNodes, 1));
        if (random.Next(2) == 0)
        {
            // Node reachability checks from the monitoring stack: a local Prometheus pings a node,
            // or a remote one pings this node.
            var leg = peerNode == node || random.Next(2) == 0
                ? new Leg(model.Pod(node, prometheus, seenLocally: true), model.Host(peerNode, peerNode == node), node, ipv6, 0, 0)
                : new Leg(model.Pod(peerNode, prometheus, seenLocally: false), model.Host(node, seenLocally: true), node, ipv6, 0, 0);
            L7Scripts.Ping(factory, leg, flows, random.Next(1, 3));
            return;
        }

        L7Scripts.Ping(factory, PodLeg(prometheus, HttpTarget(), ipv6: ipv6, serverPort: 0), flows, random.Next(1, 4));
    }

    /// <summary>A pod-to-pod connection with this node hosting the client or the server (or both).</summary>
    private Leg PodLeg(int client, int server, bool? ipv6 = null, int? serverPort = null)
    {
        var other = random.Next(Math.Max(knownNodes, 1));
        var localIsClient = random.Next(2) == 0;
        var (clientNode, serverNode) = localIsClient ? (node, other) : (other, node);
        return Leg(client, clientNode, server, serverNode, ipv6 ?? random.Next(5) == 0, serverPort ?? ClusterModel.Apps[server].Port);
    }

    private Leg Leg(int client, int clientNode, int server, int serverNode, bool ipv6, int serverPort) =>
        new(model.Pod(clientNode, client, clientNode == node), model.Pod(serverNode, server, serverNode == node), node, ipv6, EphemeralPort(), serverPort);

    private int EphemeralPort() => random.Next(32768, 61000);

    private static string Authority(int server)
    {
        var spec = ClusterModel.Apps[server];
        var host = $"{spec.Service}.{spec.Namespace}.svc.cluster.local";
        return spec.Port == 80 ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{spec.Port}");
    }

    private Policy Policy(int client, int server)
    {
        if (!_policies.TryGetValue((client, server), out var policy))
        {
            var spec = ClusterModel.Apps[server];
            var name = $"allow-{ClusterModel.Apps[client].Name}-to-{spec.Name}";
            policy = new Policy { Name = name, Namespace = spec.Namespace, Kind = "CiliumNetworkPolicy", Revision = 7 };
            policy.Labels.Add(new[]
            {
                "k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy",
                $"k8s:io.cilium.k8s.policy.name={name}",
                $"k8s:io.cilium.k8s.policy.namespace={spec.Namespace}",
            });
            _policies[(client, server)] = policy;
        }

        return policy;
    }

    private Policy DenyPolicy()
    {
        if (!_policies.TryGetValue((-1, -1), out var policy))
        {
            policy = new Policy { Name = "payments-default-deny", Namespace = "payments", Kind = "CiliumNetworkPolicy", Revision = 3 };
            policy.Labels.Add(new[]
            {
                "k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy",
                "k8s:io.cilium.k8s.policy.name=payments-default-deny",
                "k8s:io.cilium.k8s.policy.namespace=payments",
            });
            _policies[(-1, -1)] = policy;
        }

        return policy;
    }
}

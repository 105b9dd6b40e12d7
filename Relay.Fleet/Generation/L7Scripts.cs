using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>Proxy-visible exchanges: HTTP requests with responses, DNS queries with answers, ICMP echoes.</summary>
internal static class L7Scripts
{
    private static readonly string[] UserAgents = ["Go-http-client/1.1", "curl/8.5.0", "Prometheus/2.53.0", "kube-probe/1.31", "python-requests/2.32.3"];

    /// <summary>A full HTTP/1.1 call with L7 visibility: handshake, request, response, teardown.</summary>
    public static void HttpCall(FlowFactory f, Leg leg, List<Flow> flows, Random random, Policy? policy, HttpRoute route, string authority)
    {
        TcpScripts.Handshake(f, leg, flows, policy);
        var http = new HTTP
        {
            Method = route.Method,
            Url = $"http://{authority}{route.Path(random)}",
            Protocol = "HTTP/1.1",
        };
        http.Headers.Add(new HTTPHeader { Key = "User-Agent", Value = UserAgents[random.Next(UserAgents.Length)] });
        http.Headers.Add(new HTTPHeader { Key = "X-Request-Id", Value = RandomHex(random, 16) });
        flows.Add(f.L7(leg, reply: false, new Layer7 { Type = L7FlowType.Request, Http = http }, udp: false));
        flows.Add(f.Tcp(leg, reply: false, FlowParts.PshAck, TraceReason.Established));

        var response = http.Clone();
        response.Code = route.Status(random);
        var latency = (ulong)(Math.Exp(random.NextDouble() * 4.5) * 400_000); // ~0.4 ms .. 36 ms, long tail
        flows.Add(f.Tcp(leg, reply: true, FlowParts.PshAck, TraceReason.Reply));
        flows.Add(f.L7(leg, reply: true, new Layer7 { Type = L7FlowType.Response, LatencyNs = latency, Http = response }, udp: false));
        TcpScripts.Teardown(f, leg, flows);
    }

    /// <summary>A DNS lookup through the DNS proxy: UDP query, L7 query, L7 answer, UDP answer.</summary>
    public static void DnsLookup(FlowFactory f, Leg leg, List<Flow> flows, string query, string qtype, IReadOnlyList<string> answers, uint rcode)
    {
        flows.Add(f.Udp(leg, reply: false, TraceReason.New));
        var request = new DNS { Query = query, ObservationSource = "proxy" };
        request.Qtypes.Add(qtype);
        flows.Add(f.L7(leg, reply: false, new Layer7 { Type = L7FlowType.Request, Dns = request }, udp: true));

        var answer = request.Clone();
        answer.Rcode = rcode;
        if (rcode == 0)
        {
            answer.Ips.Add(answers);
            answer.Ttl = 30;
            answer.Rrtypes.Add(qtype);
        }

        flows.Add(f.L7(leg, reply: true, new Layer7 { Type = L7FlowType.Response, LatencyNs = 150_000, Dns = answer }, udp: true));
        flows.Add(f.Udp(leg, reply: true, TraceReason.Reply));
    }

    /// <summary>An ICMP echo request and its reply, repeated a few times.</summary>
    public static void Ping(FlowFactory f, Leg leg, List<Flow> flows, int count)
    {
        for (var i = 0; i < count; i++)
        {
            flows.Add(f.IcmpEcho(leg, reply: false));
            flows.Add(f.IcmpEcho(leg, reply: true));
        }
    }

    private static string RandomHex(Random random, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[random.Next(16)];
        }

        return new string(chars);
    }
}

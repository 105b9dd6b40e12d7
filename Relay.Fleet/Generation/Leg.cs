using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// One connection between a client and a server as one node observes it: addresses and ports,
/// the direction of the connection at this node, and the shared header parts of both packet directions.
/// </summary>
internal sealed class Leg
{
    public Leg(PodEndpoint client, PodEndpoint server, int observer, bool ipv6, int clientPort, int serverPort)
    {
        Client = client;
        Server = server;
        ClientPort = (uint)clientPort;
        ServerPort = (uint)serverPort;
        var version = ipv6 ? IPVersion.Ipv6 : IPVersion.Ipv4;
        var clientIp = ipv6 ? client.IPv6 : client.IPv4;
        var serverIp = ipv6 ? server.IPv6 : server.IPv4;
        Forward = new IP { Source = clientIp, Destination = serverIp, IpVersion = version };
        Reverse = new IP { Source = serverIp, Destination = clientIp, IpVersion = version };
        ForwardEthernet = new Ethernet { Source = client.Mac, Destination = server.Mac };
        ReverseEthernet = new Ethernet { Source = server.Mac, Destination = client.Mac };

        // A node sees a connection leaving a local pod as egress, otherwise as ingress to a local endpoint
        // (the host is not a pod: its probes count as ingress to the probed pod).
        ClientIsLocal = client.IsLocal(observer);
        ServerIsLocal = server.IsLocal(observer);
        Direction = ClientIsLocal && client.Endpoint.Identity != 1 ? TrafficDirection.Egress : TrafficDirection.Ingress;
        RequestPoint = ServerIsLocal ? TraceObservationPoint.ToEndpoint : PathOut(server);
        ReplyPoint = ClientIsLocal ? TraceObservationPoint.ToEndpoint : PathOut(client);
    }

    public PodEndpoint Client { get; }

    public PodEndpoint Server { get; }

    public uint ClientPort { get; }

    public uint ServerPort { get; }

    public IP Forward { get; }

    public IP Reverse { get; }

    public Ethernet ForwardEthernet { get; }

    public Ethernet ReverseEthernet { get; }

    public bool ClientIsLocal { get; }

    public bool ServerIsLocal { get; }

    public TrafficDirection Direction { get; }

    /// <summary>Where this node observes packets from client to server.</summary>
    public TraceObservationPoint RequestPoint { get; }

    /// <summary>Where this node observes packets from server to client.</summary>
    public TraceObservationPoint ReplyPoint { get; }

    private static TraceObservationPoint PathOut(PodEndpoint peer) =>
        peer.NodeIndex < 0 || peer.Endpoint.Identity is 1 or 6 ? TraceObservationPoint.ToStack : TraceObservationPoint.ToOverlay;
}

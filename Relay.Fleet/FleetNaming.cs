namespace Relay.Fleet;

/// <summary>How Cilium names nodes towards Hubble clients.</summary>
public static class FleetNaming
{
    /// <summary>
    /// The name in Peer notifications and in flows: <c>cluster/node</c>, or just <c>node</c> in the
    /// cluster named "default".
    /// </summary>
    public static string PeerName(string clusterName, string nodeName) =>
        clusterName == FleetDefaults.ClusterName ? nodeName : $"{clusterName}/{nodeName}";

    /// <summary>The TLS server name of a node's Hubble server: <c>node.cluster.hubble-grpc.cilium.io</c>, dots in the node name made hyphens.</summary>
    public static string TlsServerName(string clusterName, string nodeName) =>
        $"{nodeName.Replace('.', '-')}.{clusterName}.hubble-grpc.cilium.io";

    /// <summary>The TLS server name of the peer service: <c>hubble-peer.cluster.hubble-grpc.cilium.io</c>.</summary>
    public static string PeerServiceTlsServerName(string clusterName) => $"hubble-peer.{clusterName}.hubble-grpc.cilium.io";

    /// <summary>The default name of the node with the given index.</summary>
    public static string NodeName(int index) => $"node-{index:D2}";

    /// <summary>The loopback address of a port.</summary>
    public static string Address(int port) => $"127.0.0.1:{port}";
}

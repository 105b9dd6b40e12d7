namespace Relay.Actors.Peers;

/// <summary>The TLS server names Hubble certificates carry: <c>&lt;name&gt;.&lt;cluster&gt;.hubble-grpc.cilium.io</c>.</summary>
public static class PeerServerNames
{
    private const string Suffix = "hubble-grpc.cilium.io";

    /// <summary>The name the peer service is verified as: <c>hubble-peer.&lt;cluster&gt;.hubble-grpc.cilium.io</c>.</summary>
    public static string PeerService(string clusterName) => For("hubble-peer", clusterName);

    /// <summary>The name for <paramref name="name"/> in <paramref name="clusterName"/>; dots become hyphens.</summary>
    public static string For(string name, string clusterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var cluster = string.IsNullOrEmpty(clusterName) ? "default" : clusterName;
        return $"{name.Replace('.', '-')}.{cluster.Replace('.', '-')}.{Suffix}";
    }
}

namespace Relay.Fleet.Generation;

/// <summary>How a simulated application talks: what its server port speaks.</summary>
internal enum AppProtocol
{
    /// <summary>Plain HTTP/1.1 with Cilium L7 visibility (request and response flows).</summary>
    Http,

    /// <summary>DNS over UDP with L7 visibility (the cluster DNS).</summary>
    Dns,

    /// <summary>Opaque TCP (databases, TLS): only L3/L4 flows.</summary>
    Tcp,

    /// <summary>Client only, no server port.</summary>
    None,
}

/// <summary>One workload of the simulated cluster; every node runs one pod of each.</summary>
internal sealed record AppSpec(
    string Namespace,
    string Name,
    string Kind,
    int Port,
    AppProtocol Protocol,
    string? Service);

namespace Relay.Api.Configuration;

/// <summary>How a relay replica finds the others (<c>--scale-out-discovery</c>).</summary>
public enum ScaleOutDiscovery
{
    /// <summary><c>seed-nodes</c>: join the replicas listed in <c>--scale-out-seed-nodes</c> (none: found a cluster).</summary>
    SeedNodes,

    /// <summary><c>kubernetes</c>: find the relay pods through the Kubernetes API and join them.</summary>
    Kubernetes,
}

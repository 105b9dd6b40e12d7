using Hubble.Flow;

namespace Relay.Fleet.Generation;

/// <summary>
/// One side of a conversation as a node sees it: the Hubble endpoint (shared, never mutated once built),
/// its addresses, and the service or DNS names flows carry for it.
/// </summary>
internal sealed record PodEndpoint(
    Endpoint Endpoint,
    string IPv4,
    string IPv6,
    string Mac,
    Service? Service,
    string? Fqdn,
    int NodeIndex)
{
    /// <summary>True for endpoints living on the observing node.</summary>
    public bool IsLocal(int nodeIndex) => NodeIndex == nodeIndex;
}

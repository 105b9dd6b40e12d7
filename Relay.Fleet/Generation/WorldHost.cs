namespace Relay.Fleet.Generation;

/// <summary>A destination outside the cluster, as the FQDN cache knows it.</summary>
internal sealed record WorldHost(string Fqdn, string IPv4, string IPv6, int Port);

using Relay.Fleet.Tls;

namespace Relay.Api.Tests.Tls;

/// <summary>What a <see cref="TlsScenario"/> sets up besides TLS everywhere.</summary>
internal sealed record TlsScenarioOptions
{
    /// <summary>Fleet nodes.</summary>
    public int Nodes { get; init; } = 2;

    /// <summary>The relay requires client certificates from the scenario's client CA (<c>--tls-relay-client-ca-files</c>).</summary>
    public bool MutualServer { get; init; }

    /// <summary>The fleet requires client certificates, and the relay presents one (<c>--tls-hubble-client-*</c>).</summary>
    public bool MutualNodes { get; init; }

    /// <summary>How the fleet serves TLS, given the cluster CA; null for every port with a cluster CA certificate of its name.</summary>
    public Func<FleetCertificateAuthority, FleetTlsOptions>? FleetTls { get; init; }

    /// <summary>The PEM the relay trusts for nodes; null for the cluster CA.</summary>
    public string? HubbleServerCaPem { get; init; }

    /// <summary>Whether start-up waits until every node is connected.</summary>
    public bool WaitForNodes { get; init; } = true;
}

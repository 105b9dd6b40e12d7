using Relay.Fleet.Tls;

namespace Relay.Fleet;

/// <summary>How to start a <see cref="SimulatedFleet"/>.</summary>
public sealed record FleetOptions
{
    /// <summary>How many nodes start with the fleet (0 is allowed: only the peer service).</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Flows each node produces per second while running (0 = idle nodes).</summary>
    public double FlowsPerSecond { get; init; } = 10;

    /// <summary>Seed of the flow contents: the same seed gives the same flows.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Flows each node keeps (Hubble's ring buffer size).</summary>
    public int RingCapacity { get; init; } = FleetDefaults.RingCapacity;

    /// <summary>History each node holds at start, timestamped in the past at the configured rate; null = a full ring.</summary>
    public int? PrefillFlows { get; init; }

    /// <summary>First node's port (node i listens on BasePort + i); 0 = free ports chosen by the OS.</summary>
    public int BasePort { get; init; }

    /// <summary>Port of the peer service; 0 = a free port.</summary>
    public int PeerPort { get; init; }

    /// <summary>Cluster name; any other value than "default" prefixes node names with "cluster/", as Cilium does.</summary>
    public string ClusterName { get; init; } = FleetDefaults.ClusterName;

    /// <summary>Clock for flow times, production, uptime and send delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Let L7 records carry a time up to 5 ms older than the flow before them, as proxies do. Off by default.</summary>
    public bool L7OutOfOrder { get; init; }

    /// <summary>How often nodes produce their due flows (one batch per tick).</summary>
    public TimeSpan ProductionTick { get; init; } = FleetDefaults.ProductionTick;

    /// <summary>Concurrent HTTP/2 streams per connection each port accepts.</summary>
    public int MaxStreamsPerConnection { get; init; } = FleetDefaults.MaxStreamsPerConnection;

    /// <summary>TLS on every port (nodes and peer service); null for cleartext h2c.</summary>
    public FleetTlsOptions? Tls { get; init; }

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Nodes < 0)
        {
            errors.Add($"Nodes must be 0 or more (got {Nodes})");
        }

        if (double.IsNaN(FlowsPerSecond) || FlowsPerSecond < 0)
        {
            errors.Add($"FlowsPerSecond must be 0 or more (got {FlowsPerSecond})");
        }

        if (RingCapacity < 1)
        {
            errors.Add($"RingCapacity must be at least 1 (got {RingCapacity})");
        }

        if (PrefillFlows < 0)
        {
            errors.Add($"PrefillFlows must be 0 or more (got {PrefillFlows})");
        }

        if (BasePort is < 0 or > 65535 || (BasePort > 0 && BasePort + Nodes - 1 > 65535))
        {
            errors.Add($"BasePort must be 0 or leave room for every node below 65536 (got {BasePort})");
        }

        if (PeerPort is < 0 or > 65535)
        {
            errors.Add($"PeerPort must be between 0 and 65535 (got {PeerPort})");
        }

        if (PeerPort > 0 && BasePort > 0 && PeerPort >= BasePort && PeerPort < BasePort + Nodes)
        {
            errors.Add($"PeerPort {PeerPort} collides with the node ports {BasePort}-{BasePort + Nodes - 1}");
        }

        if (string.IsNullOrWhiteSpace(ClusterName) || ClusterName.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"ClusterName must be a non-empty name without '/' (got '{ClusterName}')");
        }

        if (ProductionTick <= TimeSpan.Zero)
        {
            errors.Add($"ProductionTick must be positive (got {ProductionTick})");
        }

        if (MaxStreamsPerConnection < 1)
        {
            errors.Add($"MaxStreamsPerConnection must be at least 1 (got {MaxStreamsPerConnection})");
        }

        return errors;
    }
}

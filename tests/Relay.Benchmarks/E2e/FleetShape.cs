namespace Relay.Benchmarks.E2e;

/// <summary>The simulated fleet a group of scenarios runs against; scenarios with equal shapes share one fleet, relay and forwarder.</summary>
/// <param name="Nodes">How many Hubble nodes.</param>
/// <param name="FlowsPerSecond">Flows each node produces per second (0 = idle).</param>
/// <param name="RingCapacity">Each node's ring size (Hubble's default is 4095).</param>
public sealed record FleetShape(int Nodes, double FlowsPerSecond, int RingCapacity)
{
    public override string ToString() => $"{Nodes} nodes × {FlowsPerSecond:0.##}/s, ring {RingCapacity}";
}

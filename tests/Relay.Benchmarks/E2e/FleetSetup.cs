namespace Relay.Benchmarks.E2e;

/// <summary>
/// One fleet's setup: how long the relay and the ceiling took to start and connect every node, and the relay's
/// resident memory once connected to every node, quiet (its CPU under a tenth of a core for a second) and then idle
/// for 10 s, no query running yet.
/// </summary>
/// <param name="QuietSeconds">How long after connecting the relay took to go quiet (capped).</param>
public sealed record FleetSetup(int Nodes, double FlowsPerSecondPerNode, int RingCapacity, double SetupSeconds, double RelayConnectedRssMb, double QuietSeconds = 0);

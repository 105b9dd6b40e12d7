namespace Relay.Benchmarks.E2e;

/// <summary>
/// One fleet's setup: how long the relay and the ceiling took to start and connect every node, and the relay's
/// resident memory right then — connected to every node, no query running yet.
/// </summary>
public sealed record FleetSetup(int Nodes, double FlowsPerSecondPerNode, int RingCapacity, double SetupSeconds, double RelayConnectedRssMb);

namespace Relay.Benchmarks.E2e;

/// <summary>One relay cluster replica's cost in a measurement window.</summary>
/// <param name="Name">The replica, e.g. <c>replica-1</c>.</param>
/// <param name="CpuSeconds">Its user+system CPU in the window.</param>
/// <param name="CpuPercent">CPU seconds per wall second × 100.</param>
/// <param name="PeakRssMb">Its peak resident memory in the window (MiB).</param>
public sealed record ReplicaCost(string Name, double CpuSeconds, double CpuPercent, double PeakRssMb);

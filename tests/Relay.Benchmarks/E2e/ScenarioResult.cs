namespace Relay.Benchmarks.E2e;

/// <summary>One scenario's numbers for the relay and for the raw forwarder, and their ratios (same run, same fleet).</summary>
/// <param name="ThroughputRatio">Relay flows/s ÷ ceiling flows/s.</param>
/// <param name="CpuRatio">Relay CPU per flow ÷ ceiling CPU per flow (idle scenarios: CPU seconds ÷ CPU seconds).</param>
/// <param name="P99Ratio">Relay p99 delay ÷ ceiling p99 delay.</param>
/// <param name="Replicas">Relay processes in one relay cluster that served the clients (1: a single relay).</param>
/// <param name="SingleRelay">
/// A relay cluster scenario: the same clients on one relay over the same fleet, measured right after (the cluster's
/// figures are in <paramref name="Relay"/>, with each replica's cost; there is no ceiling run).
/// </param>
public sealed record ScenarioResult(
    string Name,
    string Group,
    ScenarioKind Kind,
    int Nodes,
    double FlowsPerSecondPerNode,
    int IdleNodes,
    int Clients,
    double? OfferedFlowsPerSecond,
    double? ClientReadRate,
    TargetResult Relay,
    TargetResult? Ceiling,
    double? ThroughputRatio,
    double? CpuRatio,
    double? P99Ratio,
    int Replicas = 1,
    TargetResult? SingleRelay = null)
{
    public static ScenarioResult From(ScenarioSpec spec, TargetResult relay, TargetResult? ceiling, TargetResult? singleRelay = null)
    {
        double? throughput = ceiling is { FlowsPerSecond: > 0 } ? relay.FlowsPerSecond / ceiling.FlowsPerSecond : null;
        double? cpu = (relay.CpuSecondsPerMillionFlows, ceiling?.CpuSecondsPerMillionFlows) switch
        {
            ({ } r, { } c) when c > 0 => r / c,
            _ when ceiling is { CpuSeconds: > 0 } && relay.Flows == 0 => relay.CpuSeconds / ceiling.CpuSeconds,
            _ => null,
        };
        double? p99 = relay.Delay is { } rd && ceiling?.Delay is { P99Ms: > 0 } cd ? rd.P99Ms / cd.P99Ms : null;
        return new ScenarioResult(
            spec.Name,
            spec.Group,
            spec.Kind,
            spec.Fleet.Nodes,
            spec.Fleet.FlowsPerSecond,
            spec.IdleNodes,
            spec.Clients,
            spec.Kind == ScenarioKind.Follow ? spec.OfferedFlowsPerSecond : null,
            spec.ClientReadRate,
            relay,
            ceiling,
            throughput,
            cpu,
            p99,
            spec.Replicas,
            singleRelay);
    }
}

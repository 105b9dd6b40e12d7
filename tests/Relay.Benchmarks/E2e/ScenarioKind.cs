namespace Relay.Benchmarks.E2e;

/// <summary>What a scenario's clients do.</summary>
public enum ScenarioKind
{
    /// <summary>Repeated <c>--last</c>-style queries for every flow the nodes hold.</summary>
    History,

    /// <summary>Live <c>--follow</c> streams.</summary>
    Follow,
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Benchmarks.E2e;

/// <summary>Everything one e2e run measured, as written to JSON.</summary>
public sealed record E2eReport(
    DateTimeOffset StartedAt,
    double TotalSeconds,
    bool Quick,
    MachineInfo Machine,
    string? RelayEnvironment,
    string? RelayDll,
    IReadOnlyList<FleetSetup> Fleets,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<TargetCheck> Targets)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

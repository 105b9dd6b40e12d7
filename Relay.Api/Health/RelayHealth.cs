using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace Relay.Api.Health;

/// <summary>
/// The relay's <c>grpc.health.v1</c> state. SERVING from the moment the server runs, whatever the nodes or the
/// peer service do — a restart would not bring a node back, so health never depends on them (readiness detail
/// goes to metrics and logs). NOT_SERVING only while shutting down.
/// </summary>
public sealed class RelayHealth
{
    /// <summary>The service names a Kubernetes probe or a client may ask about.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = [string.Empty, "hubble.server.Observer"];

    public RelayHealth()
    {
        Set(HealthCheckResponse.Types.ServingStatus.NotServing);
    }

    /// <summary>The gRPC service implementation mapped on the main and the health endpoints.</summary>
    public HealthServiceImpl Service { get; } = new();

    public void MarkServing() => Set(HealthCheckResponse.Types.ServingStatus.Serving);

    public void MarkShuttingDown() => Set(HealthCheckResponse.Types.ServingStatus.NotServing);

    private void Set(HealthCheckResponse.Types.ServingStatus status)
    {
        foreach (var name in ServiceNames)
        {
            Service.SetStatus(name, status);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace Relay.Fleet.Tests.Observer;

/// <summary>A fleet whose clock never moves: its rings hold exactly their history, so history queries are exact.</summary>
public sealed class HistoryFleetFixture : IAsyncLifetime
{
    private readonly FleetTestKit _kit = new();

    public FakeTimeProvider Clock { get; } = FleetTestKit.Clock();

    public SimulatedFleet Fleet { get; private set; } = null!;

    internal FleetTestKit Kit => _kit;

    public async Task InitializeAsync() =>
        Fleet = await _kit.StartAsync(new FleetOptions { Nodes = 2, FlowsPerSecond = 10, RingCapacity = 300, Seed = 5, TimeProvider = Clock });

    public async Task DisposeAsync() => await _kit.DisposeAsync();
}

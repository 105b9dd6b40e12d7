using Relay.Fleet;

namespace Relay.Benchmarks.E2e;

/// <summary>
/// One fleet shape's setup: the simulated fleet in this (driver) process, and the relay and the raw forwarder each
/// in its own process, all connected to every node. The fleet's and the clients' CPU is the driver's, never counted
/// as the relay's. Scenarios measured against the relay itself (a relay cluster's) need no forwarder.
/// </summary>
internal sealed class Rig : IAsyncDisposable
{
    private Rig(SimulatedFleet fleet, Target relay, Target? ceiling)
    {
        Fleet = fleet;
        Relay = relay;
        Ceiling = ceiling;
    }

    public SimulatedFleet Fleet { get; }

    public Target Relay { get; }

    /// <summary>The raw forwarder; null when the rig was started without it.</summary>
    public Target? Ceiling { get; }

    public static async Task<Rig> StartAsync(FleetShape shape, IReadOnlyDictionary<string, string>? relayEnvironment, string? relayDll, bool withCeiling, CancellationToken ct)
    {
        var fleet = await SimulatedFleet.StartAsync(
            new FleetOptions
            {
                Nodes = shape.Nodes,
                FlowsPerSecond = shape.FlowsPerSecond,
                RingCapacity = shape.RingCapacity,
                PrefillFlows = shape.RingCapacity,
            },
            cancellationToken: ct);
        Target? relay = null;
        try
        {
            relay = await Target.StartRelayAsync(fleet.PeerAddress, shape.Nodes, relayEnvironment, relayDll, ct);
            var ceiling = withCeiling ? await Target.StartCeilingAsync(fleet.PeerAddress, shape.Nodes, ct) : null;
            return new Rig(fleet, relay, ceiling);
        }
        catch
        {
            relay?.Dispose();
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pauses the last <paramref name="count"/> nodes (no flows while paused); dispose to resume them.</summary>
    public IDisposable PauseNodes(int count)
    {
        var paused = Fleet.Nodes.Skip(Fleet.Nodes.Count - count).ToArray();
        foreach (var node in paused)
        {
            node.Pause();
        }

        return new Resumer(paused);
    }

    public async ValueTask DisposeAsync()
    {
        Relay.Dispose();
        Ceiling?.Dispose();
        await Fleet.DisposeAsync();
    }

    private sealed class Resumer(SimulatedNode[] nodes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var node in nodes)
            {
                node.Resume();
            }
        }
    }
}

namespace Relay.Fleet;

/// <summary>Defaults of the simulated fleet, in one place.</summary>
public static class FleetDefaults
{
    /// <summary>Version string nodes report in ServerStatus and in every flow's emitter.</summary>
    public const string Version = "v1.19.0-fleet";

    /// <summary>Hubble's default ring size (<c>--hubble-event-buffer-capacity</c>).</summary>
    public const int RingCapacity = 4095;

    /// <summary>Ring size for agent events and for debug events.</summary>
    public const int EventRingCapacity = 256;

    /// <summary>Kubernetes' default cluster name in Cilium; names get no cluster prefix under it.</summary>
    public const string ClusterName = "default";

    /// <summary>Concurrent HTTP/2 streams per connection a node accepts (Kestrel's own default is 100).</summary>
    public const int MaxStreamsPerConnection = 1000;

    public static readonly TimeSpan ProductionTick = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan AgentEventInterval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DebugEventInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long disposing waits for the hosts to finish before aborting them.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);
}

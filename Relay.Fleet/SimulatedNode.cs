using Grpc.Core;
using Hubble.Flow;
using Microsoft.Extensions.Logging;
using Relay.Fleet.Hosting;
using Relay.Fleet.Ring;
using Relay.Streams.Time;

namespace Relay.Fleet;

/// <summary>
/// One simulated Hubble node: an Observer server on its own loopback port with a ring of realistic flows,
/// counters for assertions, and fault controls (stop/start its port, pause production, slow its sends,
/// fail its requests).
/// </summary>
public sealed class SimulatedNode
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NodeFaults _faults = new();
    private PortGate _gate;
    private long _sendDelayTicks;
    private int _openGetFlowsStreams;
    private long _totalGetFlowsCalls;

    internal SimulatedNode(int index, string name, string clusterName, PortGate gate, NodeProducer producer, TimeProvider time, ILogger logger)
    {
        Index = index;
        Name = name;
        PeerName = FleetNaming.PeerName(clusterName, name);
        NamespaceCluster = clusterName == FleetDefaults.ClusterName ? string.Empty : clusterName;
        TlsServerName = FleetNaming.TlsServerName(clusterName, name);
        _gate = gate;
        Producer = producer;
        _time = time;
        _logger = logger;
    }

    /// <summary>Position of the node in the fleet; seeds its flows and picks its pod CIDR (10.0.&lt;index&gt;.0/24).</summary>
    public int Index { get; }

    /// <summary>The Kubernetes node name, e.g. <c>node-01</c>.</summary>
    public string Name { get; }

    /// <summary>The name in Peer notifications, flows and GetFlows responses (<c>cluster/node</c> outside the "default" cluster).</summary>
    public string PeerName { get; }

    /// <summary>The TLS server name the peer service announces for this node.</summary>
    public string TlsServerName { get; }

    public int Port => Volatile.Read(ref _gate).Port;

    /// <summary><c>127.0.0.1:port</c>, as announced by the peer service.</summary>
    public string Address => FleetNaming.Address(Port);

    /// <summary>False while the node is stopped (its port drops connections).</summary>
    public bool IsRunning => Volatile.Read(ref _gate).IsOpen;

    /// <summary>True while flow production is paused (an idle node).</summary>
    public bool IsPaused => Producer.IsPaused;

    /// <summary>Flows per second while running; changing it restarts the schedule from now.</summary>
    public double FlowsPerSecond
    {
        get => Producer.Rate;
        set => Producer.SetRate(value, NowNanos);
    }

    /// <summary>Skew of this node's clock: added to the times of the flows and events it produces from now on.</summary>
    public TimeSpan ClockOffset
    {
        get => Producer.ClockOffset;
        set => Producer.ClockOffset = value;
    }

    /// <summary>Delay before every message this node sends (0 = none); applies to streams already open.</summary>
    public TimeSpan SendDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _sendDelayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _sendDelayTicks, value.Ticks);
        }
    }

    /// <summary>GetFlows calls currently streaming.</summary>
    public int OpenGetFlowsStreams => Volatile.Read(ref _openGetFlowsStreams);

    /// <summary>GetFlows calls received, failed ones included.</summary>
    public long TotalGetFlowsCalls => Interlocked.Read(ref _totalGetFlowsCalls);

    /// <summary>Flows produced since start, history included (ServerStatus <c>seen_flows</c>).</summary>
    public long FlowsProduced => Producer.FlowsProduced;

    /// <summary>Connections currently open on the node's port.</summary>
    public int OpenConnections => Volatile.Read(ref _gate).ConnectionCount;

    /// <summary>How many flows the ring holds now.</summary>
    public int FlowCount => Producer.Flows.Count;

    /// <summary>How many flows the ring can hold.</summary>
    public int RingCapacity => Producer.Flows.Capacity;

    internal NodeProducer Producer { get; }

    /// <summary>The cluster Hubble reports with namespaces: empty in the "default" cluster.</summary>
    internal string NamespaceCluster { get; }

    internal NodeFaults Faults => _faults;

    internal TimeProvider Time => _time;

    internal PortGate Gate => Volatile.Read(ref _gate);

    internal long NowNanos => UnixNanos.From(_time.GetUtcNow());

    /// <summary>The flows in the ring, oldest first. They are shared with the server: read them, never change them.</summary>
    public IReadOnlyList<Flow> FlowsInRing()
    {
        var cursor = new RingCursor<Hubble.Observer.GetFlowsResponse>(Producer.Flows, new RingQuery(First: true));
        var flows = new List<Flow>(Producer.Flows.Count);
        CursorStep step;
        while ((step = cursor.Next()) != CursorStep.End)
        {
            if (step == CursorStep.Item)
            {
                flows.Add(cursor.Current!.Flow);
            }
        }

        return flows;
    }

    /// <summary>Makes the next <paramref name="count"/> RPCs (every RPC when null) answer <paramref name="code"/>.</summary>
    public void FailRequests(StatusCode code, string message, int? count = null)
    {
        _faults.Fail(code, message, count);
        FleetLog.NodeFaultInjected(_logger, Name, $"next {(count is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")} requests fail with {code}");
    }

    public void ClearFailures()
    {
        _faults.Clear();
        FleetLog.NodeFaultInjected(_logger, Name, "requests succeed again");
    }

    /// <summary>Stops answering: the port is closed (connections are refused), open connections and streams are aborted. Production goes on.</summary>
    public async Task StopAsync()
    {
        await Gate.CloseAsync(FleetDefaults.ShutdownTimeout);
        FleetLog.NodeStopped(_logger, Name, Address);
    }

    /// <summary>Accepts connections again (same port, ring kept).</summary>
    public async Task StartAsync()
    {
        await Gate.OpenAsync();
        FleetLog.NodeStarted(_logger, Name, Address);
    }

    /// <summary>Stops then starts the node: every client is disconnected once.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Stops producing flows and events (an idle node); open streams stay open.</summary>
    public void Pause()
    {
        Producer.Pause();
        FleetLog.NodeFaultInjected(_logger, Name, "production paused");
    }

    /// <summary>Produces again, on a schedule starting now (nothing is produced for the paused time).</summary>
    public void Resume()
    {
        Producer.Resume(NowNanos);
        FleetLog.NodeFaultInjected(_logger, Name, "production resumed");
    }

    /// <summary>Produces <paramref name="count"/> flows now, stamped with the current time, paused or not.</summary>
    public void ProduceFlows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Producer.Produce(count, NowNanos);
    }

    internal void MoveTo(PortGate gate) => Volatile.Write(ref _gate, gate);

    internal void GetFlowsCalled() => Interlocked.Increment(ref _totalGetFlowsCalls);

    internal void GetFlowsStreamOpened() => Interlocked.Increment(ref _openGetFlowsStreams);

    internal void GetFlowsStreamClosed() => Interlocked.Decrement(ref _openGetFlowsStreams);
}

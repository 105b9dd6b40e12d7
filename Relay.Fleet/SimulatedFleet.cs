using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Fleet.Generation;
using Relay.Fleet.Hosting;
using Relay.Fleet.Peers;
using Relay.Fleet.Tls;
using Relay.Streams.Time;

namespace Relay.Fleet;

/// <summary>
/// A simulated Hubble fleet on loopback: a peer service (<c>peer.Peer/Notify</c>) on its own port and N
/// Observer nodes, each on its own port, producing realistic flows into their ring buffers. Nodes can be
/// added, removed, moved to a new port, stopped, paused, slowed and made to fail, and the peer service can
/// be stopped, so relays and tests can be exercised against every situation a real cluster produces.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly FleetOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ClusterModel _model;
    private readonly FleetState _state;
    private readonly PortGate _peerGate = new(open: true);
    private readonly SemaphoreSlim _membership = new(1, 1);
    private readonly Dictionary<PortGate, FleetHost> _hostsByGate = new();
    private readonly List<FleetHost> _hosts = [];
    private SimulatedNode[] _nodes = [];
    private ITimer? _ticker;
    private int _ticking;
    private int _nextIndex;
    private int _nextPortOffset;
    private bool _disposed;

    private SimulatedFleet(FleetOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SimulatedFleet>();
        _model = new ClusterModel(options.Seed, options.ClusterName);
        _state = new FleetState(new PeerDirectory(), options.TimeProvider);
    }

    public FleetOptions Options => _options;

    /// <summary><c>127.0.0.1:port</c> of the peer service.</summary>
    public string PeerAddress => FleetNaming.Address(_peerGate.Port);

    public int PeerPort => _peerGate.Port;

    /// <summary>The TLS server name of the peer service, <c>hubble-peer.&lt;cluster&gt;.hubble-grpc.cilium.io</c>.</summary>
    public string PeerTlsServerName => FleetNaming.PeerServiceTlsServerName(_options.ClusterName);

    /// <summary>False while the peer service is stopped.</summary>
    public bool IsPeerServiceRunning => _peerGate.IsOpen;

    /// <summary>The current nodes, in the order they joined.</summary>
    public IReadOnlyList<SimulatedNode> Nodes => Volatile.Read(ref _nodes);

    /// <summary>Peer.Notify streams currently open.</summary>
    public int OpenPeerNotifyStreams => _state.OpenPeerNotifyStreams;

    /// <summary>Builds the nodes with their history, binds every port and starts producing flows.</summary>
    public static async Task<SimulatedFleet> StartAsync(FleetOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid fleet options: " + string.Join("; ", errors), nameof(options));
        }

        var fleet = new SimulatedFleet(options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await fleet.StartCoreAsync(cancellationToken);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node with this name (Kubernetes name or peer name).</summary>
    public SimulatedNode Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name || n.PeerName == name) ?? throw new KeyNotFoundException($"no node named '{name}' in the fleet");

    /// <summary>Adds a node on a new port (with a full history, like the initial nodes) and announces it with PEER_ADDED.</summary>
    public async Task<SimulatedNode> AddNodeAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        await _membership.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var index = _nextIndex++;
            name ??= FleetNaming.NodeName(index);
            if (Nodes.Any(n => n.Name == name))
            {
                throw new ArgumentException($"a node named '{name}' is already in the fleet", nameof(name));
            }

            var gate = new PortGate(open: true);
            var node = CreateNode(index, name, gate, NowNanos());
            await StartHostAsync([(NextPort(), gate)], cancellationToken);
            Join(node);
            FleetLog.NodeAdded(_logger, node.Name, node.Address);
            return node;
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <summary>Removes a node: its connections are aborted, its port drops new ones, PEER_DELETED is announced.</summary>
    public async Task RemoveNodeAsync(string name, CancellationToken cancellationToken = default)
    {
        await _membership.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var node = Node(name);
            Volatile.Write(ref _nodes, Nodes.Where(n => n != node).ToArray());
            _state.Peers.Remove(node.PeerName);
            var gate = node.Gate;
            await gate.CloseAsync(FleetDefaults.ShutdownTimeout);
            _state.Detach(gate.Port, node);
            await RetireAsync(gate);
            FleetLog.NodeRemoved(_logger, node.Name);
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <summary>
    /// Moves a node to a new port, as when an agent comes back on another address: clients of the old port
    /// are disconnected and PEER_UPDATED announces the new address. The ring and counters are kept.
    /// </summary>
    public async Task<string> MoveNodeAsync(string name, CancellationToken cancellationToken = default)
    {
        await _membership.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var node = Node(name);
            var oldGate = node.Gate;
            var oldAddress = node.Address;
            var gate = new PortGate(oldGate.IsOpen);
            await StartHostAsync([(NextPort(), gate)], cancellationToken);
            _state.Attach(gate.Port, node);
            node.MoveTo(gate);
            await oldGate.CloseAsync(FleetDefaults.ShutdownTimeout);
            _state.Detach(oldGate.Port, node);
            _state.Peers.Update(node.PeerName, node.Address, node.TlsServerName);
            await RetireAsync(oldGate);
            FleetLog.NodeMoved(_logger, node.Name, oldAddress, node.Address);
            return node.Address;
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <summary>Stops the peer service: its port is closed (connections are refused) and Notify streams are aborted.</summary>
    public async Task StopPeerServiceAsync()
    {
        await _peerGate.CloseAsync(FleetDefaults.ShutdownTimeout);
        FleetLog.PeerServiceStopped(_logger, PeerAddress);
    }

    /// <summary>Opens the peer service's port again.</summary>
    public async Task StartPeerServiceAsync()
    {
        await _peerGate.OpenAsync();
        FleetLog.PeerServiceStarted(_logger, PeerAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _membership.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }
        finally
        {
            _membership.Release();
        }

        if (_ticker is not null)
        {
            await _ticker.DisposeAsync();
        }

        await Task.WhenAll(_hosts.Select(h => h.DisposeAsync().AsTask()));
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var now = NowNanos();
        var gates = Enumerable.Range(0, _options.Nodes).Select(_ => new PortGate(open: true)).ToArray();
        var nodes = new SimulatedNode[_options.Nodes];
        Parallel.For(0, _options.Nodes, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            nodes[i] = CreateNode(i, FleetNaming.NodeName(i), gates[i], now));
        _nextIndex = _options.Nodes;
        _nextPortOffset = _options.Nodes;

        var endpoints = new List<(int, PortGate)> { (_options.PeerPort, _peerGate) };
        endpoints.AddRange(gates.Select((gate, i) => (_options.BasePort > 0 ? _options.BasePort + i : 0, gate)));
        await StartHostAsync(endpoints, cancellationToken);
        _state.PeerPort = _peerGate.Port;
        foreach (var node in nodes)
        {
            Join(node);
        }

        var tick = _options.ProductionTick;
        _ticker = _options.TimeProvider.CreateTimer(_ => Tick(), null, tick, tick);
        FleetLog.FleetStarted(_logger, PeerAddress, nodes.Length, _options.FlowsPerSecond);
    }

    private SimulatedNode CreateNode(int index, string name, PortGate gate, long nowNanos)
    {
        var peerName = FleetNaming.PeerName(_options.ClusterName, name);
        string[] labels = ["kubernetes.io/arch=amd64", $"kubernetes.io/hostname={name}", "kubernetes.io/os=linux"];
        var knownNodes = Math.Max(_options.Nodes, index + 1);
        var flows = new FlowGenerator(_model, _options.Seed, index, knownNodes, peerName, labels, _options.L7OutOfOrder);
        var events = new NodeEventGenerator(_model, _options.Seed, index);
        var producer = new NodeProducer(peerName, flows, events, StableRandom.For(_options.Seed, 3, index), _options.RingCapacity, _options.FlowsPerSecond);
        producer.Prefill(Math.Min(_options.PrefillFlows ?? _options.RingCapacity, _options.RingCapacity), nowNanos);
        return new SimulatedNode(index, name, _options.ClusterName, gate, producer, _options.TimeProvider, _loggerFactory.CreateLogger<SimulatedNode>());
    }

    private void Join(SimulatedNode node)
    {
        _state.Attach(node.Port, node);
        Volatile.Write(ref _nodes, [.. Nodes, node]);
        _state.Peers.Add(node.PeerName, node.Address, node.TlsServerName);
    }

    private async Task StartHostAsync(IReadOnlyList<(int Port, PortGate Gate)> endpoints, CancellationToken cancellationToken)
    {
        var tls = _options.Tls is { } options ? FleetTlsHandshake.Options(options, ServerNameOfPort) : null;
        var host = await FleetHost.StartAsync(endpoints, _state, _loggerFactory, _options.MaxStreamsPerConnection, tls, cancellationToken);
        _hosts.Add(host);
        foreach (var gate in host.Gates)
        {
            _hostsByGate[gate] = host;
        }
    }

    /// <summary>Releases a port no node uses any more; a host added for single nodes stops when all its ports are retired.</summary>
    private async Task RetireAsync(PortGate gate)
    {
        if (_hostsByGate.Remove(gate, out var host) && host != _hosts[0] && host.Retire())
        {
            _hosts.Remove(host);
            await host.DisposeAsync();
        }
    }

    private string? ServerNameOfPort(int port) =>
        port == _peerGate.Port ? PeerTlsServerName : Nodes.FirstOrDefault(n => n.Port == port)?.TlsServerName;

    private int NextPort() => _options.BasePort > 0 ? _options.BasePort + _nextPortOffset++ : 0;

    private long NowNanos() => UnixNanos.From(_options.TimeProvider.GetUtcNow());

    private void Tick()
    {
        // Timer callbacks may overlap when a tick runs long; production catches up from the clock anyway.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            var now = NowNanos();
            foreach (var node in Nodes)
            {
                node.Producer.Tick(now);
            }
        }
        catch (Exception e)
        {
            FleetLog.ProductionTickFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}

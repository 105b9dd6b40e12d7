using Prometheus;
using Relay.Actors.Peers;

namespace Relay.Api.Metrics;

/// <summary>
/// Readiness as gauges, read from the peer directory at each scrape: upstream's
/// <c>hubble_relay_pool_peer_connection_status{status}</c> (peers by connection state, every state present, zeros
/// included), and ours, <c>hubble_relay_peer_service_connected</c>, <c>hubble_relay_nodes_available</c> and
/// <c>hubble_relay_nodes_owned</c> (the nodes this relay dials itself: all of them, or with <c>--scale-out</c> its
/// replica's share).
/// </summary>
internal sealed class PeerPoolMetrics
{
    // grpc-go's connectivity.State names, plus upstream's label for a peer without a connection.
    public const string Idle = "IDLE";
    public const string Connecting = "CONNECTING";
    public const string Ready = "READY";
    public const string TransientFailure = "TRANSIENT_FAILURE";
    public const string Shutdown = "SHUTDOWN";
    public const string NilConnection = "NIL_CONNECTION";

    private static readonly string[] Statuses = [Idle, Connecting, Ready, TransientFailure, Shutdown, NilConnection];

    private readonly IPeerDirectory _directory;
    private readonly string? _replica;
    private readonly Gauge _status;
    private readonly Gauge _peerService;
    private readonly Gauge _available;
    private readonly Gauge _owned;

    /// <param name="factory">Creates the gauges.</param>
    /// <param name="directory">The nodes.</param>
    /// <param name="replica">With <c>--scale-out</c>, this replica's cluster address (as <see cref="NodeEntry.Owner"/> names it); else null.</param>
    public PeerPoolMetrics(IMetricFactory factory, IPeerDirectory directory, string? replica = null)
    {
        _directory = directory;
        _replica = replica;
        _status = factory.CreateGauge(
            "hubble_relay_pool_peer_connection_status",
            "Measures the connectivity status of all peers by counting the number of peers for each given connection status.",
            ["status"]);
        _peerService = factory.CreateGauge(
            "hubble_relay_peer_service_connected", "1 while peer notifications arrive (or the address serves as a single node), else 0.");
        _available = factory.CreateGauge("hubble_relay_nodes_available", "Nodes connected and usable by queries.");
        _owned = factory.CreateGauge(
            "hubble_relay_nodes_owned", "Nodes this relay dials itself: every node, or with --scale-out the share its replica owns.");
    }

    /// <summary>Sets every gauge from one snapshot of the directory.</summary>
    public void Collect()
    {
        var counts = Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var owned = 0;
        foreach (var node in _directory.Nodes)
        {
            counts[StatusOf(node.State)]++;
            owned += node.State != NodeState.Gone && (_replica is null || node.Owner == _replica) ? 1 : 0;
        }

        _owned.Set(owned);
        foreach (var (status, count) in counts)
        {
            _status.WithLabels(status).Set(count);
        }

        _available.Set(counts[Ready]);
        _peerService.Set(_directory.PeerService.State is PeerServiceState.Connected or PeerServiceState.SingleNode ? 1 : 0);
    }

    /// <summary>
    /// Our node states in upstream's terms: a first check in progress is CONNECTING, a usable node READY, a node
    /// failing its checks (retried with backoff) TRANSIENT_FAILURE, a closed one SHUTDOWN.
    /// </summary>
    internal static string StatusOf(NodeState state) => state switch
    {
        NodeState.Connecting => Connecting,
        NodeState.Connected => Ready,
        NodeState.Unavailable => TransientFailure,
        _ => Shutdown,
    };
}

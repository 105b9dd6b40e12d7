using Microsoft.Extensions.Logging;

namespace Relay.Api.Configuration;

/// <summary>
/// Every default of the relay in one place: the upstream <c>hubble-relay serve</c> defaults, ours beside them,
/// and the fixed timings that have no flag.
/// </summary>
public static class RelayDefaults
{
    /// <summary>The chart mounts its ConfigMap here; <c>--config</c> may point elsewhere.</summary>
    public const string ConfigFilePath = "/etc/hubble-relay/config.yaml";

    /// <summary>Upstream binds every key to <c>RELAY_</c> + the upper-cased key.</summary>
    public const string EnvironmentPrefix = "RELAY_";

    /// <summary>Names the peer service when no flag, variable or file does.</summary>
    public const string PeerServiceFallbackVariable = "HUBBLE_SERVER";

    public const string ClusterName = "default";

    /// <summary>The local Hubble server's socket (upstream's default peer target).</summary>
    public const string PeerService = "unix:///var/run/cilium/hubble.sock";

    public const string ListenAddress = ":4245";

    public const string HealthListenAddress = ":4222";

    /// <summary>Empty: metrics are off unless an address is given (the chart uses <c>:9966</c>).</summary>
    public const string MetricsListenAddress = "";

    /// <summary>The port of a Hubble node's Observer when its address names none (upstream's server port).</summary>
    public const int NodePort = 4244;

    /// <summary>
    /// The port used when <c>--peer-service</c> names a host without one: upstream dials it through gRPC's DNS
    /// resolver, whose default port is 443 (the chart always renders a port).
    /// </summary>
    public const int PeerServicePort = 443;

    public static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Wait before re-subscribing to the peer service after its stream ends.</summary>
    public static readonly TimeSpan RetryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Per-query sort buffer cap, per input.</summary>
    public const int SortBufferLenMax = 100;

    public static readonly TimeSpan SortBufferDrainTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Ours: how long a follow query waits for a quiet node before releasing newer flows.</summary>
    public static readonly TimeSpan SortLateness = TimeSpan.FromMilliseconds(100);

    /// <summary>Ours: how long shutdown may take to end open streams and close node channels.</summary>
    public static readonly TimeSpan ShutdownGracePeriod = TimeSpan.FromSeconds(5);

    public const LogLevel LogLevel = Microsoft.Extensions.Logging.LogLevel.Information;

    public const RelayLogFormat LogFormat = RelayLogFormat.Text;

    /// <summary>First wait before reconnecting to an unreachable node; doubles up to <see cref="NodeBackoffMax"/>.</summary>
    public static readonly TimeSpan NodeBackoffInitial = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan NodeBackoffMax = TimeSpan.FromMinutes(1);

    /// <summary>How often every node connection is re-checked.</summary>
    public static readonly TimeSpan NodeConnectionCheckInterval = TimeSpan.FromMinutes(2);

    /// <summary>Identical node errors within this window become one aggregated event.</summary>
    public static readonly TimeSpan ErrorAggregationWindow = TimeSpan.FromSeconds(10);

    /// <summary>ServerStatus and GetNodes answer within this time even when a node hangs.</summary>
    public static readonly TimeSpan NodeStatusDeadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Each node's share of <see cref="NodeStatusDeadline"/>: nodes are asked in parallel, and what is left
    /// covers merging the answers.
    /// </summary>
    public static readonly TimeSpan NodeCallTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// Above this <c>number</c> a last-N query streams the merged history uncut instead of holding it
    /// (~100 MB of flows at ~1 KB each); a log line says so.
    /// </summary>
    public const int LastNCap = 100_000;

    /// <summary>
    /// Ours: how far (responses, per node) one query may fall behind a shared follow stream before it drops what
    /// it had not read, receives <c>lost_events</c> and continues from the newest flow: about 1 s at 1,000 flows/s
    /// per node, a quarter of a node's default 4,095-flow ring. Followers share the flows themselves — a shared
    /// node stream holds at most this many (~1 MB at ~1 KB a flow) whatever its follower count, and a follower
    /// costs a position in it, not a copy — so memory grows with nodes × query shapes, not with
    /// followers × nodes × buffer × 1 KB (1,000 followers of 100 nodes: ~100 MB at worst, not ~100 GB).
    /// </summary>
    public const int SharedFollowBuffer = 1024;

    /// <summary>
    /// Ours: the most responses a shared follow stream keeps for queries that join it later (within
    /// <see cref="SharedFollowLookBack"/>). A joiner asking from before them reads that gap from the node as
    /// history, then shares, so the window only saves that call; every response it keeps lives longer (past a
    /// collection, for every node of every shared stream), so it stays small.
    /// </summary>
    public const int SharedReplayMax = 64;

    /// <summary>
    /// Ours: a shared follow stream starts this long before its first query's start, so queries started a moment
    /// earlier that join a moment later (many clients connecting at once) share it too. Costs each new shared
    /// stream this much of the node's history once (skipped by the queries, never sent to clients).
    /// </summary>
    public static readonly TimeSpan SharedFollowLookBack = TimeSpan.FromSeconds(5);

    /// <summary>Ours: Akka remoting between relay replicas (scale-out) binds here.</summary>
    public const string ScaleOutListenAddress = ":4253";

    /// <summary>Names the address other replicas dial when <c>--scale-out-public-address</c> is unset (the pod's IP).</summary>
    public const string PodIpVariable = "POD_IP";

    public const ScaleOutDiscovery ScaleOutDiscovery = Configuration.ScaleOutDiscovery.SeedNodes;

    /// <summary>The label the Cilium chart puts on relay pods.</summary>
    public const string ScaleOutKubernetesSelector = "k8s-app=hubble-relay";

    /// <summary>Relay pods to find through the Kubernetes API before joining (set it to the replica count).</summary>
    public const int ScaleOutKubernetesRequiredPods = 1;

    /// <summary>Upstream's gops port; accepted here without effect.</summary>
    public const int GopsPort = 9893;

    /// <summary>Upstream's pprof address and port; accepted here without effect.</summary>
    public const string PprofAddress = "localhost";

    public const int PprofPort = 6062;
}

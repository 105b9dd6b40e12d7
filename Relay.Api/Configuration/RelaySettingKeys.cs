namespace Relay.Api.Configuration;

/// <summary>The setting names of <c>hubble-relay serve</c>, as upstream spells them.</summary>
public static class RelaySettingKeys
{
    /// <summary>Not a setting: the <c>--config</c> flag naming the config file.</summary>
    public const string ConfigFile = "config";

    public const string ClusterName = "cluster-name";
    public const string PeerService = "peer-service";
    public const string ListenAddress = "listen-address";
    public const string HealthListenAddress = "health-listen-address";
    public const string MetricsListenAddress = "metrics-listen-address";
    public const string DialTimeout = "dial-timeout";
    public const string RetryTimeout = "retry-timeout";
    public const string SortBufferLenMax = "sort-buffer-len-max";
    public const string SortBufferDrainTimeout = "sort-buffer-drain-timeout";
    public const string SortLateness = "sort-lateness";
    public const string ShutdownGracePeriod = "shutdown-grace-period";
    public const string LogLevel = "log-level";
    public const string LogFormat = "log-format";
    public const string Debug = "debug";

    public const string DisableServerTls = "disable-server-tls";
    public const string TlsRelayServerCertFile = "tls-relay-server-cert-file";
    public const string TlsRelayServerKeyFile = "tls-relay-server-key-file";
    public const string TlsRelayClientCaFiles = "tls-relay-client-ca-files";

    public const string DisableClientTls = "disable-client-tls";
    public const string TlsHubbleClientCertFile = "tls-hubble-client-cert-file";
    public const string TlsHubbleClientKeyFile = "tls-hubble-client-key-file";
    public const string TlsHubbleServerCaFiles = "tls-hubble-server-ca-files";

    /// <summary>Ours: several replicas forming one relay cluster (not <c>cluster-</c>: upstream's is Cilium's cluster).</summary>
    public const string ScaleOut = "scale-out";
    public const string ScaleOutListenAddress = "scale-out-listen-address";
    public const string ScaleOutPublicAddress = "scale-out-public-address";
    public const string ScaleOutDiscovery = "scale-out-discovery";
    public const string ScaleOutSeedNodes = "scale-out-seed-nodes";
    public const string ScaleOutKubernetesSelector = "scale-out-kubernetes-selector";
    public const string ScaleOutKubernetesRequiredPods = "scale-out-kubernetes-required-pods";

    /// <summary>Older upstream names, accepted for the settings above.</summary>
    public const string TlsServerCertFile = "tls-server-cert-file";
    public const string TlsServerKeyFile = "tls-server-key-file";
    public const string TlsClientCertFile = "tls-client-cert-file";
    public const string TlsClientKeyFile = "tls-client-key-file";

    /// <summary>Upstream debugging aids, accepted without effect.</summary>
    public const string Gops = "gops";
    public const string GopsPort = "gops-port";
    public const string Pprof = "pprof";
    public const string PprofAddress = "pprof-address";
    public const string PprofPort = "pprof-port";
}

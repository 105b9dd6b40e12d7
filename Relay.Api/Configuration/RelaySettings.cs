using System.Globalization;
using K = Relay.Api.Configuration.RelaySettingKeys;

namespace Relay.Api.Configuration;

/// <summary>The catalogue of every <c>serve</c> setting; flags, environment and config file all derive from it.</summary>
public static class RelaySettings
{
    /// <summary>Every setting, in help order.</summary>
    public static IReadOnlyList<RelaySetting> All { get; } =
    [
        Setting(K.ClusterName, SettingKind.String, "Name of the current cluster.", RelayDefaults.ClusterName),
        Setting(K.PeerService, SettingKind.String,
            "Address of the server that implements the peer gRPC service (unix:///path, host:port or dns:///host:port; " +
            $"{RelayDefaults.PeerServiceFallbackVariable} is used when unset).", RelayDefaults.PeerService),
        Setting(K.ListenAddress, SettingKind.String, "Address on which to listen for Observer API clients.",
            RelayDefaults.ListenAddress),
        Setting(K.HealthListenAddress, SettingKind.String, "Address on which to serve the gRPC health service.",
            RelayDefaults.HealthListenAddress),
        Setting(K.MetricsListenAddress, SettingKind.String,
            "Address on which to serve Prometheus metrics (off when empty).", null),
        Setting(K.DialTimeout, SettingKind.Duration, "Timeout when connecting to Hubble nodes and the peer service.",
            GoDuration.Format(RelayDefaults.DialTimeout)),
        Setting(K.RetryTimeout, SettingKind.Duration,
            "Time to wait before re-subscribing to the peer service when its stream ends.",
            GoDuration.Format(RelayDefaults.RetryTimeout)),
        Setting(K.SortBufferLenMax, SettingKind.Integer,
            "Max number of flows buffered per node for sorting before being sent to the client (per request).",
            RelayDefaults.SortBufferLenMax.ToString(CultureInfo.InvariantCulture)),
        Setting(K.SortBufferDrainTimeout, SettingKind.Duration,
            "Longest time a flow waits in a follow-mode sort buffer; upper bound of --sort-lateness.",
            GoDuration.Format(RelayDefaults.SortBufferDrainTimeout)),
        Setting(K.SortLateness, SettingKind.Duration,
            "Follow mode: how long to wait for a quiet node before releasing newer flows (at most the drain timeout).",
            GoDuration.Format(RelayDefaults.SortLateness)),
        Setting(K.ShutdownGracePeriod, SettingKind.Duration,
            "Time allowed on SIGTERM to end open streams and close node connections.",
            GoDuration.Format(RelayDefaults.ShutdownGracePeriod)),
        Setting(K.LogLevel, SettingKind.String, "Log level: trace, debug, info, warn, error, fatal or panic.", "info"),
        Setting(K.LogFormat, SettingKind.String, "Log format: text, text-ts, json or json-ts.", "text"),
        Setting(K.Debug, SettingKind.Boolean, "Enable debug messages.", "false", shortName: "D"),

        Setting(K.DisableServerTls, SettingKind.Boolean,
            "Disable TLS for the server and allow clients to connect over plaintext.", "false"),
        Setting(K.TlsRelayServerCertFile, SettingKind.String,
            "Path to the PEM certificate of the relay's server.", null, K.TlsServerCertFile),
        Setting(K.TlsRelayServerKeyFile, SettingKind.String,
            "Path to the PEM private key of the relay's server.", null, K.TlsServerKeyFile),
        Setting(K.TlsRelayClientCaFiles, SettingKind.List,
            "Paths to CA certificates that sign client certificates; turns on mTLS.", null),

        Setting(K.DisableClientTls, SettingKind.Boolean,
            "Disable TLS towards Hubble nodes and the peer service (plaintext).", "false"),
        Setting(K.TlsHubbleClientCertFile, SettingKind.String,
            "Path to the PEM client certificate presented to Hubble nodes (mTLS).", null, K.TlsClientCertFile),
        Setting(K.TlsHubbleClientKeyFile, SettingKind.String,
            "Path to the PEM private key of the client certificate.", null, K.TlsClientKeyFile),
        Setting(K.TlsHubbleServerCaFiles, SettingKind.List,
            "Paths to CA certificates that sign the Hubble nodes' certificates.", null),

        Setting(K.ScaleOut, SettingKind.Boolean,
            "Run as one replica of a relay cluster: each Hubble node is dialled by one replica, every replica serves them all.",
            "false"),
        Setting(K.ScaleOutListenAddress, SettingKind.String, "Address on which replicas of the relay cluster reach this one.",
            RelayDefaults.ScaleOutListenAddress),
        Setting(K.ScaleOutPublicAddress, SettingKind.String,
            $"Host (and port) other replicas dial to reach this one (default ${RelayDefaults.PodIpVariable}, else the host name).",
            null),
        Setting(K.ScaleOutDiscovery, SettingKind.String, "How replicas find each other: seed-nodes or kubernetes.", "seed-nodes"),
        Setting(K.ScaleOutSeedNodes, SettingKind.List,
            "Replicas to join (host:port, the same list on every replica); none: this replica founds the cluster.", null),
        Setting(K.ScaleOutKubernetesSelector, SettingKind.String,
            "Kubernetes discovery: the label selector of the relay pods.", RelayDefaults.ScaleOutKubernetesSelector),
        Setting(K.ScaleOutKubernetesRequiredPods, SettingKind.Integer,
            "Kubernetes discovery: relay pods to find before joining (the replica count avoids two clusters at first start).",
            RelayDefaults.ScaleOutKubernetesRequiredPods.ToString(CultureInfo.InvariantCulture)),

        Ignored(K.Gops, SettingKind.Boolean, "true"),
        Ignored(K.GopsPort, SettingKind.Integer, RelayDefaults.GopsPort.ToString(CultureInfo.InvariantCulture)),
        Ignored(K.Pprof, SettingKind.Boolean, "false"),
        Ignored(K.PprofAddress, SettingKind.String, RelayDefaults.PprofAddress),
        Ignored(K.PprofPort, SettingKind.Integer, RelayDefaults.PprofPort.ToString(CultureInfo.InvariantCulture)),
    ];

    private static readonly Dictionary<string, int> Positions = All
        .Select((setting, index) => (setting.Key, index))
        .ToDictionary(p => p.Key, p => p.index, StringComparer.Ordinal);

    private static readonly Dictionary<string, RelaySetting> ByName = All
        .SelectMany(s => s.Names.Select(name => (name, s)))
        .ToDictionary(p => p.name, p => p.s, StringComparer.OrdinalIgnoreCase);

    /// <summary>The position of <paramref name="setting"/> in <see cref="All"/>.</summary>
    public static int IndexOf(RelaySetting setting) => Positions[setting.Key];

    /// <summary>Finds a setting by its key or an older name (case-insensitive, as viper reads keys).</summary>
    public static RelaySetting? Find(string name) => ByName.GetValueOrDefault(name);

    private static RelaySetting Setting(
        string key, SettingKind kind, string description, string? defaultText, string? olderName = null,
        string? shortName = null) =>
        new(key, kind, description, defaultText, olderName is null ? [] : [olderName], shortName);

    private static RelaySetting Ignored(string key, SettingKind kind, string defaultText) =>
        new(key, kind, "Accepted for compatibility with upstream; has no effect.", defaultText, [], NoEffect: true);
}

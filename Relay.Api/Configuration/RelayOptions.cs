namespace Relay.Api.Configuration;

/// <summary>
/// The validated configuration of <c>hubble-relay serve</c>: what flags, environment, config file and defaults
/// resolved to. Built only by <see cref="RelayOptionsLoader"/>, so an instance is always valid.
/// </summary>
public sealed record RelayOptions
{
    /// <summary><c>--cluster-name</c>: the local cluster's name.</summary>
    public required string ClusterName { get; init; }

    /// <summary><c>--peer-service</c>: where the Peer service lists the nodes.</summary>
    public required PeerServiceAddress PeerService { get; init; }

    /// <summary><c>--listen-address</c>: the Observer API (and health) endpoint.</summary>
    public required ListenAddress ListenAddress { get; init; }

    /// <summary><c>--health-listen-address</c>: the plaintext gRPC health endpoint.</summary>
    public required ListenAddress HealthListenAddress { get; init; }

    /// <summary><c>--metrics-listen-address</c>: the Prometheus endpoint; null when metrics are off.</summary>
    public ListenAddress? MetricsListenAddress { get; init; }

    /// <summary><c>--dial-timeout</c>: connect timeout towards nodes and the peer service.</summary>
    public required TimeSpan DialTimeout { get; init; }

    /// <summary><c>--retry-timeout</c>: wait before re-subscribing to the peer service.</summary>
    public required TimeSpan RetryTimeout { get; init; }

    /// <summary><c>--sort-buffer-len-max</c>: per-query sort buffer cap, per input.</summary>
    public required int SortBufferLenMax { get; init; }

    /// <summary><c>--sort-buffer-drain-timeout</c>: upper bound of the follow-mode lateness.</summary>
    public required TimeSpan SortBufferDrainTimeout { get; init; }

    /// <summary><c>--sort-lateness</c> (ours): follow-mode wait for quiet nodes; never above the drain timeout.</summary>
    public required TimeSpan SortLateness { get; init; }

    /// <summary><c>--shutdown-grace-period</c> (ours): time allowed to end streams and close channels.</summary>
    public required TimeSpan ShutdownGracePeriod { get; init; }

    /// <summary><c>--log-level</c>, <c>--log-format</c>, <c>--debug</c>.</summary>
    public required RelayLogOptions Log { get; init; }

    /// <summary>TLS of the relay's own server; null with <c>--disable-server-tls</c>.</summary>
    public ServerTlsOptions? ServerTls { get; init; }

    /// <summary>TLS towards nodes and the peer service; null with <c>--disable-client-tls</c>.</summary>
    public ClientTlsOptions? ClientTls { get; init; }

    /// <summary>
    /// Ours, no flag (code only: tests, benchmarks): how far one query may fall behind a shared follow stream.
    /// </summary>
    public int SharedFollowBuffer { get; init; } = RelayDefaults.SharedFollowBuffer;

    /// <summary><c>--scale-out</c> and its settings; null for a single relay.</summary>
    public ScaleOutOptions? ScaleOut { get; init; }

    /// <summary>The config file that was read, or null when none was.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Describes the effective options as (key, value) pairs in upstream key names, for logging.</summary>
    public IEnumerable<KeyValuePair<string, string>> Describe()
    {
        yield return Pair(RelaySettingKeys.ConfigFile, ConfigFile ?? "(none)");
        yield return Pair(RelaySettingKeys.ClusterName, ClusterName);
        yield return Pair(RelaySettingKeys.PeerService, PeerService.ToString());
        yield return Pair(RelaySettingKeys.ListenAddress, ListenAddress.ToString());
        yield return Pair(RelaySettingKeys.HealthListenAddress, HealthListenAddress.ToString());
        yield return Pair(RelaySettingKeys.MetricsListenAddress, MetricsListenAddress?.ToString() ?? "(off)");
        yield return Pair(RelaySettingKeys.DialTimeout, GoDuration.Format(DialTimeout));
        yield return Pair(RelaySettingKeys.RetryTimeout, GoDuration.Format(RetryTimeout));
        yield return Pair(RelaySettingKeys.SortBufferLenMax, SortBufferLenMax.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return Pair(RelaySettingKeys.SortBufferDrainTimeout, GoDuration.Format(SortBufferDrainTimeout));
        yield return Pair(RelaySettingKeys.SortLateness, GoDuration.Format(SortLateness));
        yield return Pair(RelaySettingKeys.ShutdownGracePeriod, GoDuration.Format(ShutdownGracePeriod));
        yield return Pair(RelaySettingKeys.LogLevel, RelayLogSyntax.Format(Log.EffectiveLevel));
        yield return Pair(RelaySettingKeys.LogFormat, RelayLogSyntax.Format(Log.Format));
        yield return Pair("server-tls", ServerTls?.Describe() ?? "off");
        yield return Pair("client-tls", ClientTls?.Describe() ?? "off");
        yield return Pair(RelaySettingKeys.ScaleOut, ScaleOut is null ? "off" : "on");
        foreach (var pair in ScaleOut?.Describe() ?? [])
            yield return pair;
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}

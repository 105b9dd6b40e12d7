using K = Relay.Api.Configuration.RelaySettingKeys;

namespace Relay.Api.Configuration;

/// <summary>
/// Turns the merged settings into <see cref="RelayOptions"/>, checking each value and the rules between them.
/// Problems go to the reader's error list; the caller discards the options when there are any.
/// </summary>
internal static class RelayOptionsBuilder
{
    public static RelayOptions Build(
        SettingReader reader,
        string? configFile,
        IRelayFileSystem fileSystem,
        IReadOnlyDictionary<string, string> environment,
        List<ConfigurationWarning> warnings)
    {
        var listen = Listen(reader, K.ListenAddress, RelayDefaults.ListenAddress);
        var health = Listen(reader, K.HealthListenAddress, RelayDefaults.HealthListenAddress);
        var metricsText = reader.OptionalString(K.MetricsListenAddress);
        var metrics = metricsText is null ? null : ParseListen(reader, K.MetricsListenAddress, metricsText);
        var scaleOut = ScaleOutOptionsBuilder.Build(reader, environment, warnings);
        CheckDistinct(
            reader,
            (K.ListenAddress, listen),
            (K.HealthListenAddress, health),
            (K.MetricsListenAddress, metrics),
            (K.ScaleOutListenAddress, scaleOut?.ListenAddress));

        var lenMax = reader.Integer(K.SortBufferLenMax, RelayDefaults.SortBufferLenMax);
        if (lenMax < 1)
            reader.Error(K.SortBufferLenMax, $"must be at least 1, got {lenMax}");
        var drain = Positive(reader, K.SortBufferDrainTimeout, RelayDefaults.SortBufferDrainTimeout);

        return new RelayOptions
        {
            ClusterName = reader.String(K.ClusterName, RelayDefaults.ClusterName),
            PeerService = PeerService(reader),
            ListenAddress = listen,
            HealthListenAddress = health,
            MetricsListenAddress = metrics,
            DialTimeout = Positive(reader, K.DialTimeout, RelayDefaults.DialTimeout),
            RetryTimeout = Positive(reader, K.RetryTimeout, RelayDefaults.RetryTimeout),
            SortBufferLenMax = lenMax,
            SortBufferDrainTimeout = drain,
            SortLateness = SortLateness(reader, drain),
            ShutdownGracePeriod = NotNegative(reader, K.ShutdownGracePeriod, RelayDefaults.ShutdownGracePeriod),
            Log = Log(reader),
            ServerTls = TlsOptionsBuilder.Server(reader, fileSystem, warnings),
            ClientTls = TlsOptionsBuilder.Client(reader, fileSystem, warnings),
            ScaleOut = scaleOut,
            ConfigFile = configFile,
        };
    }

    private static PeerServiceAddress PeerService(SettingReader reader)
    {
        var text = reader.String(K.PeerService, RelayDefaults.PeerService);
        if (PeerServiceAddress.TryParse(text, out var address, out var problem))
            return address;
        reader.Error(K.PeerService, problem);
        PeerServiceAddress.TryParse(RelayDefaults.PeerService, out address, out _);
        return address!;
    }

    // A bad address falls back to the default only to finish building; the errors discard the result.
    private static ListenAddress Listen(SettingReader reader, string key, string defaultText)
    {
        if (ParseListen(reader, key, reader.String(key, defaultText)) is { } address)
            return address;
        ListenAddress.TryParse(defaultText, out address, out _);
        return address!;
    }

    private static ListenAddress? ParseListen(SettingReader reader, string key, string text)
    {
        if (ListenAddress.TryParse(text, out var address, out var problem))
            return address;
        reader.Error(key, problem);
        return null;
    }

    // Each server binds its own listener, so two of them on one port would fail at start instead.
    private static void CheckDistinct(SettingReader reader, params (string Key, ListenAddress? Address)[] addresses)
    {
        for (var i = 0; i < addresses.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (key, address) = addresses[i];
                var (otherKey, other) = addresses[j];
                if (address is not null && other is not null && address.Overlaps(other))
                    reader.Error(key, $"{address} uses the same port as {otherKey} ({other})");
            }
        }
    }

    private static TimeSpan Positive(SettingReader reader, string key, TimeSpan defaultValue)
    {
        var value = reader.Duration(key, defaultValue);
        if (value > TimeSpan.Zero)
            return value;
        reader.Error(key, $"must be a positive duration, got {GoDuration.Format(value)}");
        return defaultValue;
    }

    private static TimeSpan NotNegative(SettingReader reader, string key, TimeSpan defaultValue)
    {
        var value = reader.Duration(key, defaultValue);
        if (value >= TimeSpan.Zero)
            return value;
        reader.Error(key, $"must not be negative, got {GoDuration.Format(value)}");
        return defaultValue;
    }

    // The default lateness follows a lower drain timeout; a lateness set above it is an error.
    private static TimeSpan SortLateness(SettingReader reader, TimeSpan drain)
    {
        if (!reader.IsSet(K.SortLateness))
            return RelayDefaults.SortLateness < drain ? RelayDefaults.SortLateness : drain;
        var lateness = NotNegative(reader, K.SortLateness, RelayDefaults.SortLateness);
        if (lateness > drain)
        {
            reader.Error(K.SortLateness,
                $"{GoDuration.Format(lateness)} is above {K.SortBufferDrainTimeout} ({GoDuration.Format(drain)})");
        }
        return lateness;
    }

    private static RelayLogOptions Log(SettingReader reader)
    {
        var level = RelayDefaults.LogLevel;
        var levelText = reader.OptionalString(K.LogLevel);
        if (levelText is not null && !RelayLogSyntax.TryParseLevel(levelText, out level))
            reader.Error(K.LogLevel, $"\"{levelText}\" is not a log level ({RelayLogSyntax.Levels})");

        var format = RelayDefaults.LogFormat;
        var formatText = reader.OptionalString(K.LogFormat);
        if (formatText is not null && !RelayLogSyntax.TryParseFormat(formatText, out format))
            reader.Error(K.LogFormat, $"\"{formatText}\" is not a log format ({RelayLogSyntax.Formats})");

        return new RelayLogOptions(level, format, reader.Boolean(K.Debug, false));
    }
}

using K = Relay.Api.Configuration.RelaySettingKeys;

namespace Relay.Api.Configuration;

/// <summary>
/// Reads the TLS settings. TLS is on by default on both sides, as upstream: the server needs a certificate and key
/// unless <c>--disable-server-tls</c>; connections to nodes need the nodes' CA unless <c>--disable-client-tls</c>
/// (upstream would fall back to the system CAs, which never sign Hubble certificates). Files that are named must
/// exist and be readable now; their content is checked when they are loaded.
/// </summary>
internal static class TlsOptionsBuilder
{
    public static ServerTlsOptions? Server(SettingReader reader, IRelayFileSystem fileSystem, List<ConfigurationWarning> warnings)
    {
        var cert = reader.OptionalString(K.TlsRelayServerCertFile);
        var key = reader.OptionalString(K.TlsRelayServerKeyFile);
        var clientCas = reader.List(K.TlsRelayClientCaFiles);
        if (reader.Boolean(K.DisableServerTls, false))
        {
            WarnUnused(reader, warnings, K.DisableServerTls, K.TlsRelayServerCertFile, K.TlsRelayServerKeyFile, K.TlsRelayClientCaFiles);
            return null;
        }

        const string Needed = $"required unless --{K.DisableServerTls} is set: server TLS is on by default, " +
            $"give --{K.TlsRelayServerCertFile} and --{K.TlsRelayServerKeyFile}";
        if (cert is null)
            reader.Error(K.TlsRelayServerCertFile, Needed);
        if (key is null)
            reader.Error(K.TlsRelayServerKeyFile, Needed);
        CheckFiles(reader, fileSystem, K.TlsRelayServerCertFile, cert);
        CheckFiles(reader, fileSystem, K.TlsRelayServerKeyFile, key);
        CheckFiles(reader, fileSystem, K.TlsRelayClientCaFiles, [.. clientCas]);
        return cert is null || key is null ? null : new ServerTlsOptions(cert, key, clientCas);
    }

    public static ClientTlsOptions? Client(SettingReader reader, IRelayFileSystem fileSystem, List<ConfigurationWarning> warnings)
    {
        var serverCas = reader.List(K.TlsHubbleServerCaFiles);
        var cert = reader.OptionalString(K.TlsHubbleClientCertFile);
        var key = reader.OptionalString(K.TlsHubbleClientKeyFile);
        if (reader.Boolean(K.DisableClientTls, false))
        {
            WarnUnused(reader, warnings, K.DisableClientTls, K.TlsHubbleServerCaFiles, K.TlsHubbleClientCertFile, K.TlsHubbleClientKeyFile);
            return null;
        }

        if (serverCas.Count == 0)
        {
            reader.Error(K.TlsHubbleServerCaFiles,
                $"required unless --{K.DisableClientTls} is set: TLS to Hubble nodes is on by default, " +
                $"give --{K.TlsHubbleServerCaFiles} (and --{K.TlsHubbleClientCertFile}, --{K.TlsHubbleClientKeyFile} for mTLS)");
        }
        if (cert is not null && key is null)
            reader.Error(K.TlsHubbleClientKeyFile, $"required with --{K.TlsHubbleClientCertFile}: a client certificate needs its key");
        if (key is not null && cert is null)
            reader.Error(K.TlsHubbleClientCertFile, $"required with --{K.TlsHubbleClientKeyFile}: a client key needs its certificate");
        CheckFiles(reader, fileSystem, K.TlsHubbleServerCaFiles, [.. serverCas]);
        CheckFiles(reader, fileSystem, K.TlsHubbleClientCertFile, cert);
        CheckFiles(reader, fileSystem, K.TlsHubbleClientKeyFile, key);
        return serverCas.Count == 0 || (cert is null) != (key is null) ? null : new ClientTlsOptions(serverCas, cert, key);
    }

    private static void CheckFiles(SettingReader reader, IRelayFileSystem fileSystem, string key, params string?[] paths)
    {
        foreach (var path in paths)
        {
            if (path is null)
                continue;
            var probe = fileSystem.Probe(path);
            if (probe.Status != FileAccessStatus.Readable)
                reader.Error(key, $"file \"{path}\" {probe.Problem}");
        }
    }

    private static void WarnUnused(SettingReader reader, List<ConfigurationWarning> warnings, string disabledBy, params string[] keys)
    {
        foreach (var key in keys.Where(reader.IsSet))
            warnings.Add(new ConfigurationWarning(key, $"has no effect with {disabledBy}"));
    }
}

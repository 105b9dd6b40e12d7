using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Relay.Actors.Nodes;
using Relay.Actors.Nodes.Tls;
using Relay.Api.Configuration;
using K = Relay.Api.Configuration.RelaySettingKeys;

namespace Relay.Api.Tls;

/// <summary>
/// The relay's TLS material, loaded (and so checked) at start-up and kept current while it runs: the server
/// certificate and client CAs of the relay's own endpoint, the CAs and client certificate used towards nodes and
/// the peer service. Disposing it stops watching the files.
/// </summary>
public sealed class RelayTls : IDisposable
{
    private readonly List<IDisposable> _watchers;

    private RelayTls(List<IDisposable> watchers, TlsHandshakeCallbackOptions? server, NodeTlsSettings? nodes)
    {
        _watchers = watchers;
        Server = server;
        Nodes = nodes;
    }

    /// <summary>The handshake of the Observer endpoint; null for cleartext h2c (<c>--disable-server-tls</c>).</summary>
    public TlsHandshakeCallbackOptions? Server { get; }

    /// <summary>TLS towards nodes and the peer service; null for cleartext h2c (<c>--disable-client-tls</c>).</summary>
    public NodeTlsSettings? Nodes { get; }

    /// <summary>Loads every TLS file <paramref name="options"/> names and starts watching them.</summary>
    /// <exception cref="TlsConfigurationException">A file cannot be read or does not hold what its setting needs.</exception>
    public static RelayTls Load(RelayOptions options, ILoggerFactory loggers, CertificateWatcherOptions? watching = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        watching ??= new CertificateWatcherOptions();
        var logger = loggers.CreateLogger<RelayTls>();
        var watchers = new List<IDisposable>();
        try
        {
            TlsHandshakeCallbackOptions? server = null;
            if (options.ServerTls is { } serverTls)
            {
                var identity = Identity("relay server certificate", serverTls.CertFile, K.TlsRelayServerCertFile, serverTls.KeyFile, K.TlsRelayServerKeyFile);
                var clientCas = serverTls.IsMutual ? Authorities("relay client CAs", serverTls.ClientCaFiles, K.TlsRelayClientCaFiles) : null;
                server = new ServerTlsHandshake(identity, clientCas, logger).KestrelOptions();
                RelayTlsLog.ServerTlsOn(logger, serverTls.IsMutual ? "mTLS (client certificates required)" : "TLS", identity.Current.Certificate.Subject, serverTls.CertFile);
            }

            NodeTlsSettings? nodes = null;
            if (options.ClientTls is { } clientTls)
            {
                var serverCas = Authorities("Hubble server CAs", clientTls.ServerCaFiles, K.TlsHubbleServerCaFiles);
                var identity = clientTls.IsMutual
                    ? Identity("Hubble client certificate", clientTls.CertFile!, K.TlsHubbleClientCertFile, clientTls.KeyFile!, K.TlsHubbleClientKeyFile)
                    : null;
                nodes = NodeTlsSettings.Watching(serverCas, identity);
                RelayTlsLog.ClientTlsOn(logger, serverCas.Current.Count, identity is null ? "" : $", presenting \"{identity.Current.Certificate.Subject}\"");
            }

            return new RelayTls(watchers, server, nodes);
        }
        catch
        {
            watchers.ForEach(w => w.Dispose());
            throw;
        }

        CertificateWatcher<TlsIdentity> Identity(string material, string certificateFile, string certificateKey, string keyFile, string keyKey)
        {
            try
            {
                var watcher = CertificateWatcher.ForIdentity(material, certificateFile, keyFile, watching, logger);
                watchers.Add(watcher);
                return watcher;
            }
            catch (TlsMaterialException e)
            {
                throw new TlsConfigurationException(e.Path == keyFile && e.Path != certificateFile ? keyKey : certificateKey, e);
            }
        }

        CertificateWatcher<X509Certificate2Collection> Authorities(string material, IReadOnlyList<string> files, string key)
        {
            try
            {
                var watcher = CertificateWatcher.ForAuthorities(material, files, watching, logger);
                watchers.Add(watcher);
                return watcher;
            }
            catch (TlsMaterialException e)
            {
                throw new TlsConfigurationException(key, e);
            }
        }
    }

    /// <summary>Stops watching the files; connections keep the material they have.</summary>
    public void Dispose() => _watchers.ForEach(w => w.Dispose());
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Relay.Actors.Nodes.Tls;

/// <summary>Watchers for the two kinds of TLS material the relay reads from files.</summary>
public static class CertificateWatcher
{
    /// <summary>A certificate (chain) and its key, e.g. the relay's server certificate.</summary>
    /// <exception cref="TlsMaterialException">The files cannot be read or do not hold a matching pair.</exception>
    public static CertificateWatcher<TlsIdentity> ForIdentity(
        string material, string certificateFile, string keyFile, CertificateWatcherOptions options, ILogger logger) =>
        new(material, [certificateFile, keyFile], files => PemTlsLoader.Identity(files[0], files[1]), options, logger);

    /// <summary>A set of CAs from one or more PEM files.</summary>
    /// <exception cref="TlsMaterialException">A file cannot be read or holds no certificate.</exception>
    public static CertificateWatcher<X509Certificate2Collection> ForAuthorities(
        string material, IReadOnlyList<string> caFiles, CertificateWatcherOptions options, ILogger logger) =>
        new(material, caFiles, PemTlsLoader.Authorities, options, logger);
}

/// <summary>
/// TLS material loaded from files and kept current: the files are re-read when their directory reports a change
/// and every <see cref="CertificateWatcherOptions.PollInterval"/>; when their content differs from the last look
/// the material is loaded again and <see cref="Current"/> switches to it, so new connections use it. Material that
/// fails to load (a half-written or corrupted file) is logged once and the previous material stays in use.
/// </summary>
/// <typeparam name="T">The loaded material.</typeparam>
public sealed class CertificateWatcher<T> : IDisposable
    where T : class
{
    private readonly string _material;
    private readonly string[] _paths;
    private readonly Func<IReadOnlyList<TlsFile>, T> _load;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _timer;
    private T _current;
    private string _lastSeen;
    private long _reloads;
    private long _failures;
    private bool _disposed;

    /// <summary>Loads the material now and starts watching its files.</summary>
    /// <param name="material">What the files hold, for log messages (e.g. "relay server certificate").</param>
    /// <param name="paths">The files, in the order <paramref name="load"/> expects them.</param>
    /// <param name="load">Builds the material from the files' content; throws <see cref="TlsMaterialException"/>.</param>
    /// <param name="options">How changes are noticed.</param>
    /// <param name="logger">Where reloads and failed reloads are logged.</param>
    /// <exception cref="TlsMaterialException">The material cannot be loaded now.</exception>
    public CertificateWatcher(
        string material, IReadOnlyList<string> paths, Func<IReadOnlyList<TlsFile>, T> load, CertificateWatcherOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one file is needed.", nameof(paths));
        }

        _material = material;
        _paths = [.. paths];
        _load = load;
        _logger = logger;
        var files = ReadAll();
        _current = Load(files);
        _lastSeen = Fingerprint(files);
        if (options.WatchFileSystem)
        {
            WatchDirectories(options.PollInterval);
        }

        _timer = options.TimeProvider.CreateTimer(_ => Refresh(), null, options.PollInterval, options.PollInterval);
    }

    /// <summary>The material last loaded successfully.</summary>
    public T Current => Volatile.Read(ref _current);

    /// <summary>Successful reloads since start.</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>Reloads that failed (and kept the previous material) since start.</summary>
    public long FailedReloads => Interlocked.Read(ref _failures);

    /// <summary>Re-reads the files now and loads them when their content changed since the last look.</summary>
    /// <returns>True when <see cref="Current"/> changed.</returns>
    public bool Refresh()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            string fingerprint;
            T loaded;
            try
            {
                var files = ReadAll();
                fingerprint = Fingerprint(files);
                if (fingerprint == _lastSeen)
                {
                    return false;
                }

                loaded = Load(files);
            }
            catch (TlsMaterialException e)
            {
                // What failed is remembered like content that loaded: the same failure seen again (every poll,
                // every event) is logged once, and only changed files are tried again.
                var failed = "failed:" + e.Message;
                if (failed != _lastSeen)
                {
                    _lastSeen = failed;
                    Interlocked.Increment(ref _failures);
                    CertificateWatcherLog.ReloadFailed(_logger, _material, e.Message);
                }

                return false;
            }

            _lastSeen = fingerprint;

            // Material replaced here is not disposed: handshakes that took it may still be running.
            Volatile.Write(ref _current, loaded);
            Interlocked.Increment(ref _reloads);
            CertificateWatcherLog.Reloaded(_logger, _material, string.Join(", ", _paths));
            return true;
        }
    }

    /// <summary>Stops watching; <see cref="Current"/> stays readable.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private TlsFile[] ReadAll() => [.. _paths.Select(TlsFile.Read)];

    private T Load(TlsFile[] files)
    {
        try
        {
            return _load(files);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new TlsMaterialException(files[0].Path, "cannot be used: " + e.Message, e);
        }
    }

    private static string Fingerprint(TlsFile[] files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Text));
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private void WatchDirectories(TimeSpan pollInterval)
    {
        // The directory, not the file: Kubernetes replaces the ..data symlink next to the file, and editors and
        // tools often replace a file by renaming a new one over it.
        var directories = _paths
            .Select(p => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(p)) ?? "/")
            .Distinct(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                        | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += (_, _) => Refresh();
                watcher.Created += (_, _) => Refresh();
                watcher.Deleted += (_, _) => Refresh();
                watcher.Renamed += (_, _) => Refresh();
                watcher.Error += (_, _) => Refresh();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                CertificateWatcherLog.WatchUnavailable(_logger, directory, _material, e.Message, pollInterval);
            }
        }
    }
}

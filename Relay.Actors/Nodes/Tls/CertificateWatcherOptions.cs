namespace Relay.Actors.Nodes.Tls;

/// <summary>How a <see cref="CertificateWatcher{T}"/> notices that its files changed.</summary>
public sealed record CertificateWatcherOptions
{
    /// <summary>The clock of the periodic check.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often the files are re-read regardless of events: the fallback for changes file-system events miss
    /// (a symlink into another directory, an exhausted inotify limit). Reading a few small files is cheap.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether to watch the files' directories for changes (a Kubernetes secret swaps its <c>..data</c> symlink there).</summary>
    public bool WatchFileSystem { get; init; } = true;
}

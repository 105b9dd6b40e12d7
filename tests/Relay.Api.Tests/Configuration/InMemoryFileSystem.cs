using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

/// <summary>A file system held in a dictionary; also simulates files that exist but cannot be read.</summary>
internal sealed class InMemoryFileSystem : IRelayFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public InMemoryFileSystem With(string path, string content = "")
    {
        _files[path] = content;
        return this;
    }

    public InMemoryFileSystem WithUnreadable(string path)
    {
        _unreadable.Add(path);
        return this;
    }

    public FileAccessResult ReadAllText(string path) =>
        _unreadable.Contains(path) ? FileAccessResult.Unreadable("cannot be read: permission denied")
        : _files.TryGetValue(path, out var text) ? FileAccessResult.Readable(text)
        : FileAccessResult.Missing;

    public FileAccessResult Probe(string path) => ReadAllText(path) with { Text = null };
}

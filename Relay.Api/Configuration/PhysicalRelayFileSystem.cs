namespace Relay.Api.Configuration;

/// <summary>The real file system. Symlinks are followed, as Kubernetes mounts secrets through them.</summary>
public sealed class PhysicalRelayFileSystem : IRelayFileSystem
{
    public FileAccessResult ReadAllText(string path) => Access(path, () => FileAccessResult.Readable(File.ReadAllText(path)));

    public FileAccessResult Probe(string path) => Access(path, () =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return FileAccessResult.Readable();
    });

    private static FileAccessResult Access(string path, Func<FileAccessResult> read)
    {
        if (Directory.Exists(path))
            return FileAccessResult.Unreadable("is a directory");
        if (!File.Exists(path))
            return FileAccessResult.Missing;
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileAccessResult.Unreadable("cannot be read: " + e.Message);
        }
    }
}

namespace Relay.Actors.Nodes.Tls;

/// <summary>One TLS file as read at one moment: its path and its text.</summary>
/// <param name="Path">The path as configured (symlinks are followed when reading).</param>
/// <param name="Text">The file's content.</param>
public sealed record TlsFile(string Path, string Text)
{
    /// <summary>Reads <paramref name="path"/>; failures name the path.</summary>
    /// <exception cref="TlsMaterialException">The file is missing or unreadable.</exception>
    public static TlsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new TlsFile(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TlsMaterialException(path, "does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsMaterialException(path, "cannot be read: " + e.Message, e);
        }
    }
}

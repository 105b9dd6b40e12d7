namespace Relay.Api.Configuration;

/// <summary>The file access configuration needs; tests substitute it to simulate unreadable files.</summary>
public interface IRelayFileSystem
{
    /// <summary>Reads a whole text file.</summary>
    FileAccessResult ReadAllText(string path);

    /// <summary>Checks that <paramref name="path"/> is a file this process can open for reading.</summary>
    FileAccessResult Probe(string path);
}

namespace Relay.Actors.Nodes.Tls;

/// <summary>A certificate, key or CA file that cannot be read or does not hold what it should.</summary>
public sealed class TlsMaterialException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>; the message names the path.</summary>
    public TlsMaterialException(string path, string problem, Exception? inner = null)
        : base($"file \"{path}\" {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}

namespace Relay.Image.Tests.Dockerfile;

/// <summary>One Dockerfile instruction with its continuation lines joined: the keyword (upper case), its flags
/// (<c>--from=build</c> as <c>from</c> → <c>build</c>) and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Line)
{
    /// <summary>The arguments split on white space (the shell form as simple commands use it).</summary>
    public IReadOnlyList<string> Words => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}

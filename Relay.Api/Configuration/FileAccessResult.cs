namespace Relay.Api.Configuration;

/// <summary>The outcome of reading or probing a file.</summary>
/// <param name="Status">Readable, missing or unreadable.</param>
/// <param name="Text">The content when read; null for a probe or a failure.</param>
/// <param name="Problem">Why the file cannot be read, when it cannot.</param>
public sealed record FileAccessResult(FileAccessStatus Status, string? Text = null, string? Problem = null)
{
    public static FileAccessResult Missing { get; } = new(FileAccessStatus.Missing, Problem: "does not exist");

    public static FileAccessResult Readable(string? text = null) => new(FileAccessStatus.Readable, text);

    public static FileAccessResult Unreadable(string problem) => new(FileAccessStatus.Unreadable, Problem: problem);
}

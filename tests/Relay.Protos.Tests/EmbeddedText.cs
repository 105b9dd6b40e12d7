namespace Relay.Protos.Tests;

/// <summary>Reads the committed fixture files embedded into the test assembly.</summary>
internal static class EmbeddedText
{
    public static string Read(string logicalName)
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded fixture '{logicalName}' is missing from the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

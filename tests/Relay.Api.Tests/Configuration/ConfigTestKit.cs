using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

/// <summary>Shortcuts for loading configuration from arguments, an environment and in-memory files.</summary>
internal static class ConfigTestKit
{
    /// <summary>Turns TLS off on both sides so that a test can focus on other settings.</summary>
    public static readonly string[] Plaintext = ["--disable-server-tls", "--disable-client-tls"];

    public static RelayOptionsLoadResult Load(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, IRelayFileSystem? files = null) =>
        RelayOptionsLoader.Load(args.ToList(), environment ?? new Dictionary<string, string>(), files ?? new InMemoryFileSystem());

    /// <summary>Loads and asserts the result is valid, showing the errors otherwise.</summary>
    public static RelayOptions Valid(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, IRelayFileSystem? files = null)
    {
        var result = Load(args, environment, files);
        Assert.True(result.IsValid, "unexpected errors:\n" + string.Join('\n', result.Errors));
        return result.Options;
    }

    /// <summary>The effective value of one setting, in the form <see cref="RelayOptions.Describe"/> prints it.</summary>
    public static string Effective(this RelayOptions options, string key) =>
        options.Describe().Single(p => p.Key == key).Value;

    /// <summary>A config file at the default path.</summary>
    public static InMemoryFileSystem DefaultConfig(string yaml) =>
        new InMemoryFileSystem().With(RelayDefaults.ConfigFilePath, yaml);
}

namespace Relay.Api.Configuration;

/// <summary>Everything the loader reads, so loading is a pure function of it.</summary>
/// <param name="Flags">Values given on the command line, by setting key.</param>
/// <param name="ConfigPath"><c>--config</c>; null means the default path, which may be absent.</param>
/// <param name="Environment">The process environment (or a test's dictionary).</param>
/// <param name="FileSystem">Reads the config file and checks certificate files.</param>
public sealed record RelayConfigurationInput(
    IReadOnlyDictionary<string, RawSetting> Flags,
    string? ConfigPath,
    IReadOnlyDictionary<string, string> Environment,
    IRelayFileSystem FileSystem);

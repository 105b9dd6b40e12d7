using System.CommandLine;

namespace Relay.Api.Configuration;

/// <summary>
/// Loads the <c>serve</c> configuration with upstream's precedence: flag &gt; environment &gt; config file &gt;
/// default (<c>HUBBLE_SERVER</c> stands in for an unset peer service). A pure function of its input: errors and
/// warnings are returned as data, every error at once.
/// </summary>
public static class RelayOptionsLoader
{
    /// <summary>Loads from flags already parsed, the environment and the file system of <paramref name="input"/>.</summary>
    public static RelayOptionsLoadResult Load(RelayConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ConfigurationError>();
        var warnings = new List<ConfigurationWarning>();

        var (configFile, fileValues) = ReadConfigFile(input, errors, warnings);
        var envValues = EnvironmentSettingsReader.Read(input.Environment);
        var merged = Merge(input.Flags, envValues, fileValues, input.Environment);
        foreach (var raw in merged.Values.Where(r => r.Setting.NoEffect))
            warnings.Add(new ConfigurationWarning(raw.Setting.Key, $"accepted for compatibility; has no effect (from {raw.Origin})"));

        var options = RelayOptionsBuilder.Build(new SettingReader(merged, errors), configFile, input.FileSystem, input.Environment, warnings);
        return new RelayOptionsLoadResult(errors.Count == 0 ? options : null, InHelpOrder(errors), warnings);
    }

    /// <summary>
    /// Loads from <c>serve</c> command-line arguments (without the command name), an environment and a file
    /// system; argument syntax errors are reported like other errors.
    /// </summary>
    public static RelayOptionsLoadResult Load(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, IRelayFileSystem fileSystem)
    {
        var definitions = RelayCommandLineOptions.Create();
        var command = new Command("serve");
        definitions.AddTo(command);
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var parseErrors = parsed.Errors.Select(e => new ConfigurationError("args", e.Message)).ToList();
            return new RelayOptionsLoadResult(null, parseErrors, []);
        }
        return Load(new RelayConfigurationInput(
            definitions.ReadFlags(parsed), definitions.ReadConfigPath(parsed), environment, fileSystem));
    }

    // Errors about the file come first, then settings in the order --help lists them.
    private static List<ConfigurationError> InHelpOrder(List<ConfigurationError> errors) =>
        errors.OrderBy(e => RelaySettings.Find(e.Key) is { } setting ? RelaySettings.IndexOf(setting) : -1).ToList();

    private static (string? Path, Dictionary<string, RawSetting> Values) ReadConfigFile(
        RelayConfigurationInput input, List<ConfigurationError> errors, List<ConfigurationWarning> warnings)
    {
        var explicitPath = input.ConfigPath is not null;
        var path = input.ConfigPath ?? RelayDefaults.ConfigFilePath;
        if (path.Length == 0)
        {
            errors.Add(new ConfigurationError(RelaySettingKeys.ConfigFile, "the path is empty"));
            return (null, []);
        }

        var read = input.FileSystem.ReadAllText(path);
        switch (read.Status)
        {
            case FileAccessStatus.Readable:
                return (path, ConfigFileReader.Read(path, read.Text ?? "", errors, warnings));
            // Upstream starts without its default file; a file asked for by name must be there.
            case FileAccessStatus.Missing when !explicitPath:
                return (null, []);
            default:
                errors.Add(new ConfigurationError(RelaySettingKeys.ConfigFile, $"file \"{path}\" {read.Problem}"));
                return (null, []);
        }
    }

    private static Dictionary<string, RawSetting> Merge(
        IReadOnlyDictionary<string, RawSetting> flags,
        Dictionary<string, RawSetting> environment,
        Dictionary<string, RawSetting> file,
        IReadOnlyDictionary<string, string> variables)
    {
        var merged = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var setting in RelaySettings.All)
        {
            var raw = flags.GetValueOrDefault(setting.Key)
                ?? environment.GetValueOrDefault(setting.Key)
                ?? file.GetValueOrDefault(setting.Key);
            if (raw is not null)
                merged[setting.Key] = raw;
        }

        var fallback = variables.GetValueOrDefault(RelayDefaults.PeerServiceFallbackVariable)?.Trim();
        if (!merged.ContainsKey(RelaySettingKeys.PeerService) && !string.IsNullOrEmpty(fallback))
        {
            merged[RelaySettingKeys.PeerService] = new RawSetting(
                RelaySettings.Find(RelaySettingKeys.PeerService)!, [fallback], SettingSource.Fallback,
                "env " + RelayDefaults.PeerServiceFallbackVariable);
        }
        return merged;
    }
}

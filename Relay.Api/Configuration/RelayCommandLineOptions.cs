using System.CommandLine;
using System.Globalization;

namespace Relay.Api.Configuration;

/// <summary>
/// The command-line flags of the <c>serve</c> settings (one <see cref="Option"/> per setting, older names as
/// aliases), plus <c>--config</c>. Each command creates its own set and adds all of it (<c>serve</c>) or some keys
/// (<c>demo</c> sharing <c>--listen-address</c>), then reads back only what was given explicitly.
/// </summary>
public sealed class RelayCommandLineOptions
{
    private readonly Dictionary<string, Option> _byKey;

    private RelayCommandLineOptions(Dictionary<string, Option> byKey, Option<string> config)
    {
        _byKey = byKey;
        Config = config;
    }

    /// <summary><c>--config</c>: the config file (default <see cref="RelayDefaults.ConfigFilePath"/>).</summary>
    public Option<string> Config { get; }

    /// <summary>Creates a fresh set of options for one command.</summary>
    public static RelayCommandLineOptions Create()
    {
        var byKey = RelaySettings.All.ToDictionary(s => s.Key, CreateOption, StringComparer.Ordinal);
        var config = new Option<string>("--" + RelaySettingKeys.ConfigFile)
        {
            Description = $"Path to the config file (default {RelayDefaults.ConfigFilePath}; there, a missing file is fine).",
            HelpName = "path",
        };
        return new RelayCommandLineOptions(byKey, config);
    }

    /// <summary>The option of a setting key.</summary>
    public Option this[string key] => _byKey[key];

    /// <summary>Adds the options of <paramref name="keys"/> to <paramref name="command"/>; every option and
    /// <c>--config</c> when no keys are given.</summary>
    public void AddTo(Command command, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (keys.Length == 0)
        {
            foreach (var option in _byKey.Values)
                command.Options.Add(option);
            command.Options.Add(Config);
            return;
        }
        foreach (var key in keys)
            command.Options.Add(_byKey[key]);
    }

    /// <summary>The settings given explicitly on the command line, by setting key.</summary>
    public IReadOnlyDictionary<string, RawSetting> ReadFlags(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var values = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var (key, option) in _byKey)
        {
            if (parseResult.GetResult(option) is not { Implicit: false } result)
                continue;
            var setting = RelaySettings.Find(key)!;
            var origin = "flag " + (result.IdentifierToken?.Value ?? "--" + key);
            values[key] = new RawSetting(setting, ReadValues(parseResult, option), SettingSource.Flag, origin);
        }
        return values;
    }

    /// <summary>The <c>--config</c> path when given, else null.</summary>
    public string? ReadConfigPath(ParseResult parseResult) =>
        parseResult.GetResult(Config) is { Implicit: false } ? parseResult.GetValue(Config) ?? "" : null;

    private static IReadOnlyList<string> ReadValues(ParseResult parseResult, Option option) => option switch
    {
        Option<bool> flag => [parseResult.GetValue(flag) ? "true" : "false"],
        Option<string[]> list => parseResult.GetValue(list) ?? [],
        Option<string> text => parseResult.GetValue(text) is { Length: > 0 } value ? [value] : [],
        _ => throw new InvalidOperationException($"unexpected option type for {option.Name}"),
    };

    private static Option CreateOption(RelaySetting setting)
    {
        var aliases = setting.OlderNames.Select(n => "--" + n)
            .Concat(setting.ShortName is null ? [] : ["-" + setting.ShortName])
            .ToArray();
        Option option = setting.Kind switch
        {
            SettingKind.Boolean => new Option<bool>("--" + setting.Key, aliases) { Arity = ArgumentArity.ZeroOrOne },
            SettingKind.List => new Option<string[]>("--" + setting.Key, aliases) { AllowMultipleArgumentsPerToken = false },
            _ => new Option<string>("--" + setting.Key, aliases),
        };
        option.Description = setting.DefaultText is null
            ? setting.Description
            : string.Create(CultureInfo.InvariantCulture, $"{setting.Description} (default {setting.DefaultText})");
        option.HelpName = setting.Kind switch
        {
            SettingKind.Duration => "duration",
            SettingKind.Integer => "int",
            SettingKind.List => setting.Key.EndsWith("-files", StringComparison.Ordinal) ? "paths" : "addresses",
            SettingKind.Boolean => null,
            _ => setting.Key.EndsWith("-file", StringComparison.Ordinal) ? "path" : "string",
        };
        option.Hidden = setting.NoEffect;
        return option;
    }
}

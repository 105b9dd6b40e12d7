using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Relay.Api.Configuration;

/// <summary>
/// Reads <c>config.yaml</c> as the Cilium chart renders it: a flat mapping of upstream keys. Empty values
/// (<c>dial-timeout: </c>) and nulls mean "unset"; quoted scalars are read like plain ones (<c>"9893"</c> is a
/// number). Keys are case-insensitive, as in viper. Unknown keys warn; they never fail.
/// </summary>
internal sealed class ConfigFileReader
{
    private static readonly HashSet<string> PlainNulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private readonly string _path;
    private readonly List<ConfigurationError> _errors;
    private readonly List<ConfigurationWarning> _warnings;
    private readonly Dictionary<string, RawSetting> _values = new(StringComparer.Ordinal);

    private ConfigFileReader(string path, List<ConfigurationError> errors, List<ConfigurationWarning> warnings)
    {
        _path = path;
        _errors = errors;
        _warnings = warnings;
    }

    /// <summary>Reads <paramref name="text"/>, adding problems to the lists; returns values by setting key.</summary>
    public static Dictionary<string, RawSetting> Read(
        string path, string text, List<ConfigurationError> errors, List<ConfigurationWarning> warnings)
    {
        var reader = new ConfigFileReader(path, errors, warnings);
        reader.Read(text);
        return reader._values;
    }

    private void Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            _errors.Add(new ConfigurationError(RelaySettingKeys.ConfigFile, $"{_path} line {e.Start.Line}: not valid YAML: {reason}"));
            return;
        }

        if (stream.Documents.Count == 0)
            return;
        if (stream.Documents.Count > 1)
            _warnings.Add(new ConfigurationWarning(RelaySettingKeys.ConfigFile, $"{_path} holds several YAML documents; only the first is read"));
        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                    ReadEntry(key, value);
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain } scalar when PlainNulls.Contains(scalar.Value ?? ""):
                break;
            case var root:
                _errors.Add(new ConfigurationError(RelaySettingKeys.ConfigFile, $"{_path} line {root.Start.Line}: expected a mapping of key: value"));
                break;
        }
    }

    private void ReadEntry(YamlNode keyNode, YamlNode valueNode)
    {
        var origin = $"{_path} line {keyNode.Start.Line}";
        if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
        {
            _errors.Add(new ConfigurationError(RelaySettingKeys.ConfigFile, $"{origin}: a key must be a plain name"));
            return;
        }
        var setting = RelaySettings.Find(name);
        if (setting is null)
        {
            _warnings.Add(new ConfigurationWarning(name, $"unknown key in {origin}; ignored"));
            return;
        }
        // When both an older name and the current one are present, the current one wins.
        if (_values.ContainsKey(setting.Key) && !string.Equals(name, setting.Key, StringComparison.OrdinalIgnoreCase))
            return;

        switch (valueNode)
        {
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                var isUnset = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? PlainNulls.Contains(text) : text.Length == 0;
                if (!isUnset)
                    _values[setting.Key] = new RawSetting(setting, [text.Trim()], SettingSource.ConfigFile, origin);
                break;
            case YamlSequenceNode sequence when setting.Kind == SettingKind.List:
                if (sequence.Children.Any(c => c is not YamlScalarNode))
                {
                    _errors.Add(new ConfigurationError(setting.Key, $"list items must be plain values (from {origin})"));
                    break;
                }
                var items = sequence.Children.Cast<YamlScalarNode>()
                    .Select(s => s.Value?.Trim() ?? "")
                    .Where(s => s.Length > 0)
                    .ToList();
                if (items.Count > 0)
                    _values[setting.Key] = new RawSetting(setting, items, SettingSource.ConfigFile, origin);
                break;
            case YamlSequenceNode:
                _errors.Add(new ConfigurationError(setting.Key, $"expects a single value, not a list (from {origin})"));
                break;
            default:
                _errors.Add(new ConfigurationError(setting.Key, $"expects a value, not a mapping (from {origin})"));
                break;
        }
    }
}

using System.Globalization;

namespace Relay.Api.Configuration;

/// <summary>
/// Reads the merged raw settings into typed values, one rule for every source, and records each problem as an
/// error naming the key and where the value came from. A missing or empty value yields the default.
/// </summary>
internal sealed class SettingReader
{
    private static readonly char[] ListSeparators = [',', ' ', '\t', '\n', '\r'];

    private readonly IReadOnlyDictionary<string, RawSetting> _values;
    private readonly List<ConfigurationError> _errors;

    public SettingReader(IReadOnlyDictionary<string, RawSetting> values, List<ConfigurationError> errors)
    {
        _values = values;
        _errors = errors;
    }

    /// <summary>The raw value of <paramref name="key"/> when one was given and is not empty.</summary>
    public RawSetting? Raw(string key) =>
        _values.TryGetValue(key, out var raw) && raw.Values.Count > 0 ? raw : null;

    public bool IsSet(string key) => Raw(key) is not null;

    /// <summary>Records an error about <paramref name="key"/>, citing where its value came from.</summary>
    public void Error(string key, string message)
    {
        var origin = Raw(key)?.Origin;
        _errors.Add(new ConfigurationError(key, origin is null ? message : $"{message} (from {origin})"));
    }

    public string String(string key, string defaultValue) => Single(key) ?? defaultValue;

    public string? OptionalString(string key) => Single(key);

    public TimeSpan Duration(string key, TimeSpan defaultValue)
    {
        var text = Single(key);
        if (text is null)
            return defaultValue;
        if (GoDuration.TryParse(text, out var value, out var problem))
            return value;
        Error(key, problem);
        return defaultValue;
    }

    public int Integer(string key, int defaultValue)
    {
        var text = Single(key);
        if (text is null)
            return defaultValue;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(key, $"\"{text}\" is not a whole number");
        return defaultValue;
    }

    /// <summary>Reads Go's boolean spellings (<c>strconv.ParseBool</c>), ignoring case.</summary>
    public bool Boolean(string key, bool defaultValue)
    {
        var text = Single(key);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return defaultValue;
            case "true" or "t" or "1":
                return true;
            case "false" or "f" or "0":
                return false;
            default:
                Error(key, $"\"{text}\" is not true or false");
                return defaultValue;
        }
    }

    /// <summary>Reads a list: YAML items or repeated flags, each also split on commas and white space.</summary>
    public IReadOnlyList<string> List(string key) =>
        Raw(key)?.Values
            .SelectMany(v => v.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList()
        ?? [];

    private string? Single(string key)
    {
        var raw = Raw(key);
        if (raw is null)
            return null;
        if (raw.Values.Count == 1)
            return raw.Values[0];
        Error(key, "expects a single value, not a list");
        return null;
    }
}

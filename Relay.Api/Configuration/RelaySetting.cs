namespace Relay.Api.Configuration;

/// <summary>
/// One key of the <c>serve</c> configuration: its upstream name (flag <c>--key</c>, env <c>RELAY_KEY</c>,
/// config file <c>key:</c>), how it is read, and the older names that mean the same setting.
/// </summary>
/// <param name="Key">The current upstream name.</param>
/// <param name="Kind">How the raw text is read.</param>
/// <param name="Description">Help text.</param>
/// <param name="DefaultText">The default as shown in help; null when there is none to show.</param>
/// <param name="OlderNames">Earlier upstream names still accepted for this setting.</param>
/// <param name="ShortName">A one-letter flag alias such as <c>D</c>, or null.</param>
/// <param name="NoEffect">Accepted for compatibility but ignored (gops, pprof).</param>
public sealed record RelaySetting(
    string Key,
    SettingKind Kind,
    string Description,
    string? DefaultText,
    IReadOnlyList<string> OlderNames,
    string? ShortName = null,
    bool NoEffect = false)
{
    /// <summary>The key and its older names.</summary>
    public IEnumerable<string> Names => OlderNames.Prepend(Key);
}

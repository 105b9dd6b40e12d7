namespace Relay.Api.Configuration;

/// <summary>
/// Reads settings from the environment the way upstream's viper does — <c>RELAY_</c> + the upper-cased key with
/// its dashes (<c>RELAY_PEER-SERVICE</c>) — and also the shell-friendly underscore form (<c>RELAY_PEER_SERVICE</c>).
/// An empty variable counts as unset, as in viper. Other <c>RELAY_*</c> variables are left alone: Kubernetes
/// injects service variables with arbitrary prefixes, so they are no sign of a typo.
/// </summary>
internal static class EnvironmentSettingsReader
{
    public static Dictionary<string, RawSetting> Read(IReadOnlyDictionary<string, string> environment)
    {
        var values = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var setting in RelaySettings.All)
        {
            // The current name before older ones, upstream's dashed form before the underscore form.
            var found = setting.Names
                .SelectMany(name => new[] { VariableName(name), VariableName(name).Replace('-', '_') })
                .Select(variable => (variable, value: environment.GetValueOrDefault(variable)?.Trim()))
                .FirstOrDefault(v => !string.IsNullOrEmpty(v.value));
            if (found.value is not null)
                values[setting.Key] = new RawSetting(setting, [found.value], SettingSource.Environment, "env " + found.variable);
        }
        return values;
    }

    /// <summary>The upstream variable name of a key: <c>RELAY_</c> + the key upper-cased, dashes kept.</summary>
    public static string VariableName(string key) => RelayDefaults.EnvironmentPrefix + key.ToUpperInvariant();
}

namespace Relay.Api.Configuration;

/// <summary>
/// A setting's value as one source gave it, before it is read. No values means "explicitly empty": the setting
/// takes its default.
/// </summary>
/// <param name="Setting">The setting the value is for (older names already resolved).</param>
/// <param name="Values">The raw text: one item, or several for a list.</param>
/// <param name="Source">Which source gave it.</param>
/// <param name="Origin">Where exactly, for messages: <c>flag --dial-timeout</c>, <c>env RELAY_DIAL-TIMEOUT</c>,
/// <c>/etc/hubble-relay/config.yaml line 4</c>.</param>
public sealed record RawSetting(RelaySetting Setting, IReadOnlyList<string> Values, SettingSource Source, string Origin);

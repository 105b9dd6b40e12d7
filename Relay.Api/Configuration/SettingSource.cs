namespace Relay.Api.Configuration;

/// <summary>Where a setting's value came from, highest precedence first.</summary>
public enum SettingSource
{
    Flag,
    Environment,
    ConfigFile,

    /// <summary>A last-resort source such as <c>HUBBLE_SERVER</c> for the peer service.</summary>
    Fallback,
}

namespace Relay.Api.Configuration;

/// <summary>How a setting's raw text is read.</summary>
public enum SettingKind
{
    /// <summary>Taken as written.</summary>
    String,

    /// <summary>Go duration syntax (<see cref="GoDuration"/>).</summary>
    Duration,

    /// <summary>A decimal integer; quoted numbers count (<c>"9893"</c>).</summary>
    Integer,

    /// <summary><c>true</c>/<c>false</c> (also Go's <c>1</c>, <c>0</c>, <c>t</c>, <c>f</c>), quoted or not.</summary>
    Boolean,

    /// <summary>Several paths: a YAML list, repeated flags, or one value split on commas and spaces.</summary>
    List,
}

namespace Relay.Api.Configuration;

/// <summary>A configuration remark that does not stop start-up (unknown key, setting without effect).</summary>
/// <param name="Key">The key concerned, as written.</param>
/// <param name="Message">What happens with it.</param>
public sealed record ConfigurationWarning(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}

namespace Relay.Api.Configuration;

/// <summary>A configuration problem that stops start-up; printed as one line naming the key.</summary>
/// <param name="Key">The setting (upstream name), or <c>config</c> for the config file itself.</param>
/// <param name="Message">What is wrong, and where the value came from.</param>
public sealed record ConfigurationError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}

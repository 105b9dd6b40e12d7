using System.Diagnostics.CodeAnalysis;

namespace Relay.Api.Configuration;

/// <summary>The outcome of loading the configuration: valid options, or every error at once; warnings either way.</summary>
public sealed record RelayOptionsLoadResult(
    RelayOptions? Options,
    IReadOnlyList<ConfigurationError> Errors,
    IReadOnlyList<ConfigurationWarning> Warnings)
{
    [MemberNotNullWhen(true, nameof(Options))]
    public bool IsValid => Options is not null && Errors.Count == 0;
}

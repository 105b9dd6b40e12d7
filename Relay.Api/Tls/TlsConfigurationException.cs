using Relay.Actors.Nodes.Tls;

namespace Relay.Api.Tls;

/// <summary>
/// TLS material named by a setting that cannot be used at start-up. Its message is one line naming the setting and
/// the file, like a configuration error; the runner logs it and exits 1.
/// </summary>
public sealed class TlsConfigurationException : InvalidOperationException
{
    public TlsConfigurationException(string key, TlsMaterialException error)
        : base($"{key}: {error?.Message}", error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Key = key;
        Path = error.Path;
    }

    /// <summary>The setting (upstream name) that names the file.</summary>
    public string Key { get; }

    /// <summary>The file at fault.</summary>
    public string Path { get; }
}

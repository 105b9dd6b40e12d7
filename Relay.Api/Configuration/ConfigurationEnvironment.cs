using System.Collections;

namespace Relay.Api.Configuration;

/// <summary>The outside world the configuration reads: environment variables and files.</summary>
public sealed record ConfigurationEnvironment(IReadOnlyDictionary<string, string> Variables, IRelayFileSystem FileSystem)
{
    /// <summary>The running process's environment and the real file system.</summary>
    public static ConfigurationEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
                variables[key] = value;
        }
        return new ConfigurationEnvironment(variables, new PhysicalRelayFileSystem());
    }
}

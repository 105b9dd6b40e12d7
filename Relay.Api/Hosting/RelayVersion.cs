using System.Reflection;

namespace Relay.Api.Hosting;

/// <summary>The relay's version, as <c>hubble-relay version</c> prints it and nodes receive it.</summary>
public static class RelayVersion
{
    public static string Current { get; } =
        typeof(RelayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}

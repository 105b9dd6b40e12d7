using System.Reflection;

namespace Relay.Image.Tests.Infrastructure;

/// <summary>
/// Paths fixed when this test assembly was built (see the csproj): the repository root, where the Dockerfile and
/// the relay's project live, and the built <c>hubble-relay.dll</c>.
/// </summary>
internal static class RelayLocations
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string RelayAssembly { get; } = Metadata("RelayAssemblyPath");

    public static string Dockerfile => Path.Combine(RepositoryRoot, "Dockerfile");

    public static string DockerIgnore => Path.Combine(RepositoryRoot, ".dockerignore");

    public static string RelayProject => Path.Combine(RepositoryRoot, "Relay.Api", "Relay.Api.csproj");

    public static string BuildProps => Path.Combine(RepositoryRoot, "Directory.Build.props");

    public static string HelmValues => Path.Combine(RepositoryRoot, "deploy", "helm", "values.yaml");

    private static string Metadata(string key) =>
        typeof(RelayLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing: the csproj target EmbedRelayLocations did not run");
}

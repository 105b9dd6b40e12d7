using Akka.Configuration;

namespace Relay.Api.Hosting;

/// <summary>
/// Loads the Akka configuration embedded in the executable (<c>hocon/</c>), so no file can go missing at run time.
/// </summary>
internal static class RelayHocon
{
    /// <summary><c>relay.hocon</c>: every relay.</summary>
    public static Config Load() => LoadEmbedded("relay.hocon");

    /// <summary><c>cluster.hocon</c>: layered on top with <c>--scale-out</c>.</summary>
    public static Config LoadCluster() => LoadEmbedded("cluster.hocon");

    /// <summary>
    /// <c>serialization.hocon</c>: protobuf serialization of every message that crosses replicas and the StreamRef
    /// settings of remote node streams; layered over <see cref="Load"/> in cluster mode.
    /// </summary>
    public static Config LoadSerialization() => LoadEmbedded("serialization.hocon");

    private static Config LoadEmbedded(string name)
    {
        using var stream = typeof(RelayHocon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in hubble-relay");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

using Akka.Configuration;
using Relay.Tests.Shared;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// The production <c>hocon/cluster.hocon</c> and <c>hocon/serialization.hocon</c> with test timings: replicas on loopback with system-chosen ports,
/// fast gossip, failure detection and downing, so that a cluster forms and heals in seconds.
/// </summary>
internal static class ClusterTestConfig
{
    private const string Loopback = """
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        """;

    public static Config Load() =>
        ConfigurationFactory.ParseString(Loopback + "\n" + ClusterTestTimings.Hocon).WithFallback(Embedded("cluster.hocon")).WithFallback(Embedded("serialization.hocon"));

    private static Config Embedded(string name)
    {
        using var stream = typeof(ClusterTestConfig).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the test assembly");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

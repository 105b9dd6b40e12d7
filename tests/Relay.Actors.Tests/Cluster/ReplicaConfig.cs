using Akka.Configuration;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// A relay replica's Akka configuration in tests: the relay's own <c>hocon/serialization.hocon</c> over Akka.Remote
/// on a free loopback port, so every message between two test replicas really is serialized.
/// </summary>
internal static class ReplicaConfig
{
    public static Config Create() => ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.loglevel = WARNING
            akka.log-dead-letters = off
            akka.remote.log-remote-lifecycle-events = off
            akka.test.single-expect-default = 10s
            """)
        .WithFallback(Serialization());

    public static Config Serialization()
    {
        using var stream = typeof(ReplicaConfig).Assembly.GetManifestResourceStream("serialization.hocon")
            ?? throw new InvalidOperationException("serialization.hocon is not embedded in the test assembly");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

using Akka.Configuration;

namespace Relay.Actors.Tests.Cluster;

/// <summary>
/// The production <c>hocon/cluster.hocon</c> and <c>hocon/serialization.hocon</c> with test timings: replicas on loopback with system-chosen ports,
/// fast gossip, failure detection and downing, so that a cluster forms and heals in seconds.
/// </summary>
internal static class ClusterTestConfig
{
    private const string TestTimings = """
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 200ms
        akka.cluster.unreachable-nodes-reaper-interval = 250ms
        akka.cluster.periodic-tasks-initial-delay = 100ms
        akka.cluster.seed-node-timeout = 1s
        akka.cluster.retry-unsuccessful-join-after = 1s
        akka.cluster.failure-detector.heartbeat-interval = 250ms
        # Generous for a shared 2-core machine: a false "unreachable" would down a healthy replica.
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        akka.cluster.split-brain-resolver.stable-after = 1s
        akka.cluster.sharding.retry-interval = 200ms
        akka.cluster.sharding.rebalance-interval = 500ms
        akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 100
        akka.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit = 1.0
        akka.cluster.singleton.hand-over-retry-interval = 200ms
        # Terminating a replica's actor system is a crash: no graceful leave.
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        """;

    public static Config Load() =>
        ConfigurationFactory.ParseString(TestTimings).WithFallback(Embedded("cluster.hocon")).WithFallback(Embedded("serialization.hocon"));

    private static Config Embedded(string name)
    {
        using var stream = typeof(ClusterTestConfig).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the test assembly");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

namespace Relay.Tests.Shared;

/// <summary>
/// Akka cluster timings for tests (linked into each test project that runs relay replicas): fast gossip, failure
/// detection, downing and rebalancing, so a cluster forms and heals in seconds. Terminating a replica's actor system
/// is a crash (no graceful leave); RelayHost still leaves on a stop, as it runs the coordinated shutdown itself.
/// </summary>
internal static class ClusterTestTimings
{
    public const string Hocon = """
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
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        """;
}

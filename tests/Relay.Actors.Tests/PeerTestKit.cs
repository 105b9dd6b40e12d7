using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;
using Relay.Actors.Peers;
using Relay.Actors.Tests.Fakes;
using Xunit.Abstractions;

namespace Relay.Actors.Tests;

/// <summary>
/// TestKit on virtual time: the Akka scheduler (timers, backoff) advances only through <see cref="Advance"/>,
/// and <see cref="Time"/> (state timestamps, sync timeouts) only through its own Advance. Unset fakes fail the test.
/// </summary>
public abstract class PeerTestKit : Akka.TestKit.Xunit2.TestKit
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.loglevel = WARNING
        akka.test.single-expect-default = 10s
        """;

    protected PeerTestKit(ITestOutputHelper output)
        : base(Config, output)
    {
    }

    protected FakeMisuse Misuse { get; } = new();

    protected RecordingLoggerFactory Logs { get; } = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    /// <summary>The defaults, without jitter so that every delay is exact.</summary>
    protected static PeerManagerSettings Settings { get; } = new()
    {
        PeerServiceAddress = "hubble-peer.kube-system.svc.cluster.local:443",
        ClusterName = "test.cluster",
        RelayVersion = "1.2.3-test",
        BackoffJitter = 0,
    };

    protected FakeNodes NewNodes() => new(CreateTestProbe("opened"), CreateTestProbe("calls"), Misuse);

    protected void Advance(TimeSpan by) => Scheduler.Advance(by);

    /// <summary>Advances to just before <paramref name="delay"/> (nothing may fire), then to it.</summary>
    protected void AdvanceJustBefore(TimeSpan delay) => Scheduler.Advance(delay - TimeSpan.FromMilliseconds(1));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Misuse.Verify();
        }
    }
}

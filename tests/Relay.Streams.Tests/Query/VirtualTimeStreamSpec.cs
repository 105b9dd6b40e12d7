using Akka.Configuration;
using Akka.Streams;
using Akka.TestKit;

namespace Relay.Streams.Tests.Query;

/// <summary>A TestKit whose scheduler runs on virtual time, so stage timers fire only when a test advances it.</summary>
public abstract class VirtualTimeStreamSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString(
        "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");

    protected VirtualTimeStreamSpec()
        : base(VirtualTime)
    {
        Materializer = Sys.Materializer();
    }

    protected IMaterializer Materializer { get; }

    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    /// <summary>The virtual clock in Unix nanoseconds.</summary>
    protected long NowNanos() => Scheduler.Now.ToUnixTimeMilliseconds() * 1_000_000L;
}

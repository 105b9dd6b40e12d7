using Akka.Actor;

namespace Relay.Streams.Tests.Query;

/// <summary>A relay clock that reads the actor system's scheduler, so virtual time moves both together.</summary>
public sealed class SchedulerTimeProvider(IScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}

using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Relay.Api.Hosting;
using Relay.Api.Logging;
using Relay.Api.Tests.Configuration;
using Relay.Api.Tests.Metrics;

namespace Relay.Api.Tests.Logging;

/// <summary>The actor system logs through the relay's logger factory, not to stdout in Akka's own format.</summary>
public sealed class AkkaLoggingTests
{
    [Fact]
    public async Task AkkaWarning_ArrivesAsAnAkkaEvent()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var system = ActorSystem.Create("bridge-test", AkkaLogging.Setup(RelayHocon.Load(), loggers));
        try
        {
            system.Log.Warning("disk {0} is full", "sda1");

            await Eventually.AssertAsync(
                () => Task.FromResult(logs.Events.ToList()),
                events => Assert.Contains(events, e => e.Name == "AkkaEvent" && e.Message.EndsWith("disk sda1 is full", StringComparison.Ordinal)));
        }
        finally
        {
            await system.Terminate();
        }
    }
}

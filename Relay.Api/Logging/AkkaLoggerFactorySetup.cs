using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace Relay.Api.Logging;

/// <summary>Carries the relay's logger factory into the actor system, where <see cref="AkkaLoggerBridge"/> finds it.</summary>
public sealed class AkkaLoggerFactorySetup(ILoggerFactory loggers) : Setup
{
    public ILoggerFactory Loggers { get; } = loggers;
}

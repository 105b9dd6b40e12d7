using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Microsoft.Extensions.Logging;

namespace Relay.Api.Logging;

/// <summary>
/// Sends the actor system's own log events (actor failures, dead letters, stream errors) through the relay's
/// <see cref="ILoggerFactory"/>, so they come out in the relay's format — one line each, JSON with
/// <c>--log-format json</c> — instead of Akka's stdout format.
/// </summary>
public static class AkkaLogging
{
    /// <summary>
    /// The actor system setup: <paramref name="config"/> with <see cref="AkkaLoggerBridge"/> as the only logger
    /// and Akka's stdout fallback off (it would print in Akka's own format while the bridge starts and stops).
    /// </summary>
    public static ActorSystemSetup Setup(Config config, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        var bridge = $"{typeof(AkkaLoggerBridge).FullName}, {typeof(AkkaLoggerBridge).Assembly.GetName().Name}";
        var logging = ConfigurationFactory.ParseString($"akka.loggers = [\"{bridge}\"]\nakka.stdout-loglevel = OFF");
        return BootstrapSetup.Create()
            .WithConfig(logging.WithFallback(config))
            .And(new AkkaLoggerFactorySetup(loggers));
    }
}

using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Relay.Api.Logging;

/// <summary>
/// The actor system's logger (<c>akka.loggers</c>): each Akka log event becomes one <see cref="ILogger"/> event in
/// the category of the class that logged it, the Akka source (an actor path) as a structured field.
/// </summary>
internal sealed class AkkaLoggerBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _loggers;

    public AkkaLoggerBridge()
    {
        var setup = Context.System.Settings.Setup.Get<AkkaLoggerFactorySetup>();
        _loggers = setup.HasValue ? setup.Value.Loggers : NullLoggerFactory.Instance;
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Forward);
    }

    private void Forward(LogEvent e)
    {
        var logger = _loggers.CreateLogger(e.LogClass?.FullName ?? "Akka");
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error,
        };
        AkkaLog.Event(logger, level, e.LogSource ?? string.Empty, e.Message?.ToString() ?? string.Empty, e.Cause);
    }
}

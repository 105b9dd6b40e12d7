using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Relay.Api.Tests.Configuration;

/// <summary>Keeps every log event so tests can assert on event names and messages.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Name, string Message)> _events = new();

    public IEnumerable<(string Name, string Message)> Events => _events;

    public IEnumerable<string> Messages => _events.Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(_events);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(string Name, string Message)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue((eventId.Name ?? "", formatter(state, exception)));
    }
}

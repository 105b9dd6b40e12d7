using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Relay.Actors.Tests.Fakes;

/// <summary>Keeps every log event so tests can assert on event names (logs are behaviour).</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => _records.ToArray();

    public int Count(string eventName) => _records.Count(r => r.EventName == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new LogRecord(category, logLevel, eventId.Name, formatter(state, exception), exception));
    }
}

public sealed record LogRecord(string Category, LogLevel Level, string? EventName, string Message, Exception? Exception);

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Hosting;

/// <summary>Keeps every log line of every category, so hosting tests can read what was logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> _lines = new();

    public IReadOnlyList<(string Category, EventId Id, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, eventId, formatter(state, exception)));
    }
}

using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Protocols;

/// <summary>A logger that keeps every formatted line, so tests can count and read them.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, EventId Id, string Message)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add((logLevel, eventId, formatter(state, exception)));
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary>Keeps every log line of the nodes of one test (to assert on) and copies them to the test's output.</summary>
internal sealed class ClusterLog(ITestOutputHelper output) : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Node, EventId Id, string Message)> _lines = new();

    public IReadOnlyCollection<(string Node, EventId Id, string Message)> Lines => _lines;

    public bool Has(string node, EventId id) => _lines.Any(l => l.Node == node && l.Id.Id == id.Id);

    public ILoggerFactory For(string node) => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new NodeProvider(this, node)));

    /// <summary>A line from the test itself (a measured figure, say).</summary>
    public void Note(string line) => Add("test", LogLevel.Information, default, line, null);

    public ILogger CreateLogger(string categoryName) => new Line(this, "", categoryName);

    public void Dispose()
    {
    }

    private void Add(string node, LogLevel level, EventId id, string message, Exception? exception)
    {
        _lines.Enqueue((node, id, message));
        try
        {
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {node} {level} {message}{(exception is null ? "" : " | " + exception.GetType().Name)}");
        }
        catch (InvalidOperationException)
        {
            // A line logged after the test finished has no output to go to.
        }
    }

    private sealed class NodeProvider(ClusterLog log, string node) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Line(log, node, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Line(ClusterLog log, string node, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Npgsql's own debug chatter would drown the lines the tests are about.
        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Npgsql", StringComparison.Ordinal) ? logLevel >= LogLevel.Warning : true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Add(node, logLevel, eventId, formatter(state, exception), exception);
        }
    }
}

using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// Puts the actor's path in front of every line and into the structured state (as <c>ActorPath</c>), so a
/// line can always be traced to the actor that wrote it, whatever the logging provider prints.
/// </summary>
internal sealed class ActorLogger(ILogger inner, ActorPath path) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        inner.Log(logLevel, eventId, new PathState<TState>(path, state, formatter), exception, PathState<TState>.Format);
    }

    private sealed class PathState<TState>(ActorPath path, TState state, Func<TState, Exception?, string> formatter)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static readonly Func<PathState<TState>, Exception?, string> Format =
            static (s, e) => $"[{s._path}] {s._formatter(s._state, e)}";

        private readonly ActorPath _path = path;
        private readonly TState _state = state;
        private readonly Func<TState, Exception?, string> _formatter = formatter;

        private IReadOnlyList<KeyValuePair<string, object?>> Inner =>
            _state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public int Count => Inner.Count + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new KeyValuePair<string, object?>("ActorPath", _path.ToString()) : Inner[index - 1];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Format(this, null);
    }
}

using System.Collections;
using System.Globalization;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorEcho.Hosting.Logging;

/// <summary>
/// An Akka logger (<c>akka.loggers</c>) that writes every Akka log event into Microsoft.Extensions.Logging: the category
/// is the logging class (<c>ActorEcho.Protocols.Hosting.FactoryActor</c>, <c>Akka.Actor.CoordinatedShutdown</c>), the
/// actor path is kept as the scope <c>ActorPath</c>, and the event id ActorEcho's own lines carry in their text
/// (<c>[3101] ...</c>, see AkkaLogger) becomes the entry's event id again. Akka.Hosting's logger puts every line under
/// one category and drops the path.
/// </summary>
public sealed class ActorPathLogger : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory = ActorEchoHostingExtensions.LoggerFactoryOf(Context.System);
    private readonly Dictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent logEvent:
                Write(logEvent);
                return true;
            default:
                return false;
        }
    }

    private void Write(LogEvent logEvent)
    {
        var level = Level(logEvent.LogLevel());
        var logger = LoggerFor(Category(logEvent));
        if (!logger.IsEnabled(level)) return;
        var text = logEvent.Message?.ToString() ?? "";
        var eventId = TakeEventId(ref text);
        using (logger.BeginScope(new ActorScope(PathOf(logEvent.LogSource))))
            logger.Log(level, eventId, text, logEvent.Cause, static (message, _) => message);
    }

    private ILogger LoggerFor(string category)
    {
        if (!_loggers.TryGetValue(category, out var logger)) _loggers[category] = logger = _factory.CreateLogger(category);
        return logger;
    }

    /// <summary>
    /// The logging class; a logger made from a bare path (<c>Logging.GetLogger(system, path)</c>, as each hosted
    /// connection's is) has none, and is named for where its actor lives.
    /// </summary>
    private static string Category(LogEvent logEvent) => logEvent.LogClass switch
    {
        { } type when type != typeof(DummyClassForStringSources) && type.FullName is { } name => name,
        _ when logEvent.LogSource.Contains("/user/", StringComparison.Ordinal) => "ActorEcho.Connection",
        _ => "Akka",
    };

    /// <summary>Akka names a logger made from a bare path <c>PATH (SYSTEM)</c>; the scope is the path alone.</summary>
    internal static string PathOf(string source)
    {
        var suffix = source.LastIndexOf(" (", StringComparison.Ordinal);
        return suffix > 0 && source.StartsWith("akka", StringComparison.Ordinal) && source.EndsWith(')') ? source[..suffix] : source;
    }

    /// <summary>ActorEcho's lines through Akka start with <c>[id] </c>: that is their event id, taken off the text.</summary>
    internal static EventId TakeEventId(ref string text)
    {
        if (text.Length < 4 || text[0] != '[') return default;
        var close = text.IndexOf("] ", StringComparison.Ordinal);
        if (close < 2 || !int.TryParse(text.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return default;
        text = text[(close + 2)..];
        return new EventId(id);
    }

    private static MelLogLevel Level(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => MelLogLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => MelLogLevel.Information,
        Akka.Event.LogLevel.WarningLevel => MelLogLevel.Warning,
        Akka.Event.LogLevel.ErrorLevel => MelLogLevel.Error,
        _ => MelLogLevel.Information,
    };

    /// <summary>The scope: one field, <c>ActorPath</c>, which the JSON console writes as a property and the simple console as text.</summary>
    private sealed class ActorScope(string path) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new KeyValuePair<string, object?>("ActorPath", path) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => path;
    }
}

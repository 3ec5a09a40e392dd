using Akka.Event;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// A Microsoft.Extensions.Logging logger that writes through an Akka logging adapter, so protocol and factory lines
/// travel Akka's event stream with the actor's path as their source, like every other Akka log line (and reach
/// Microsoft.Extensions.Logging through Akka.Hosting's logger when the host configures it). The message is formatted
/// here; Akka's own formatter never sees the template.
/// </summary>
internal sealed class AkkaLogger(ILoggingAdapter adapter) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(MelLogLevel logLevel) => ToAkka(logLevel) is { } level && adapter.IsEnabled(level);

    public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (ToAkka(logLevel) is not { } level || !adapter.IsEnabled(level)) return;
        var message = formatter(state, exception);
        // The event id stays in the text: Akka's log events carry no id of their own.
        if (eventId.Id != 0) message = $"[{eventId.Id}] {message}";
        if (exception is null) adapter.Log(level, message);
        else adapter.Log(level, exception, message);
    }

    private static Akka.Event.LogLevel? ToAkka(MelLogLevel level) => level switch
    {
        MelLogLevel.Trace or MelLogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        MelLogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        MelLogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        MelLogLevel.Error or MelLogLevel.Critical => Akka.Event.LogLevel.ErrorLevel,
        _ => null,
    };
}

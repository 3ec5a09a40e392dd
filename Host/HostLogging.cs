using ActorEcho.Configuration;
using ActorEcho.Hosting.Logging;
using Akka.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Host;

/// <summary>
/// The Host's logging from <c>actor-echo.logging</c>: one console sink, simple single lines or JSON, and every Akka line
/// routed into it by <see cref="ActorPathLogger"/> (its category the logging class, its actor path a scope).
/// </summary>
internal static class HostLogging
{
    private const string TimestampFormat = "HH:mm:ss.fff ";

    public static void Configure(ILoggingBuilder logging, Config config)
    {
        var settings = LoggingSettings.From(config.WithFallback(ConfigurationFactory.Reference()));
        logging.ClearProviders();
        if (settings.Json)
        {
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = settings.IncludeScopes;
                options.TimestampFormat = "O";
                options.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = TimestampFormat;
                options.IncludeScopes = settings.IncludeScopes;
            });
        }
    }

    /// <summary>Akka's own loggers replaced by the one that writes into the host's logging with the actor path kept.</summary>
    public static void ConfigureAkka(LoggerConfigBuilder loggers)
    {
        loggers.ClearLoggers();
        loggers.AddLogger<ActorPathLogger>();
    }
}

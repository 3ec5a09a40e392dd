using ActorEcho.Configuration;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Host.Client;

/// <summary>The client's actor system: reference.conf only (a client has no listeners), every log line on stderr.</summary>
internal static class ClientSystem
{
    /// <summary>
    /// A system logging at <paramref name="minimum"/> and above. Protocol and factory lines travel Akka's event stream,
    /// so Akka's own level is set to match: the periodic client's "Will retry" lines are information.
    /// </summary>
    public static (ActorSystem System, ILoggerFactory Logging) Create(LogLevel minimum = LogLevel.Warning)
    {
        // Standard output carries the server's bytes, so every log line goes to standard error: Akka's own standard-out
        // logger is off and its events go to a Microsoft.Extensions.Logging console that writes to stderr.
        var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        var config = ConfigurationFactory.ParseString($"""
            akka.loglevel = {AkkaLevel(minimum)}
            akka.stdout-loglevel = OFF
            akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """, "connect client").WithFallback(ConfigurationFactory.Reference()).ToAkkaConfig();
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), new LoggerFactorySetup(logging));
        return (ActorSystem.Create("connect", setup), logging);
    }

    private static string AkkaLevel(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        _ => "ERROR",
    };
}

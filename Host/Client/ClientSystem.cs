using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Host.Client;

/// <summary>The client's actor system: reference.conf only (a client has no listeners), logging to stderr.</summary>
internal static class ClientSystem
{
    public static (ActorSystem System, ILoggerFactory Logging) Create()
    {
        // Standard output carries the server's bytes, so every log line goes to standard error.
        var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ActorEcho.Protocols", LogLevel.Information)
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        return (ActorSystem.Create("connect", setup: new ActorSystemSetup { LoggerFactory = logging }), logging);
    }
}

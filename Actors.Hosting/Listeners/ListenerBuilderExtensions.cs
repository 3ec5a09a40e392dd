using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorEcho.Hosting.Listeners;

public static class ListenerBuilderExtensions
{
    /// <summary>
    /// Adds a startup that reads <c>actor-echo.listeners</c> from the system's configuration, logs
    /// <c>configured: NAME on ENDPOINT (protocol PROTOCOL)</c> for each, and passes them to the registered
    /// <see cref="IListenerStarter"/> (one that binds nothing unless the protocol layer registers its own).
    /// </summary>
    public static ActorSystemBuilder WithListenersFromConfig(this ActorSystemBuilder builder)
    {
        builder.Services.TryAddSingleton<IListenerStarter, NoListenerStarter>();
        return builder.AddStartup<ConfiguredListenersStartup>();
    }
}

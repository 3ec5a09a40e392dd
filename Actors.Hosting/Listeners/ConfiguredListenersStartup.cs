using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting.Listeners;

/// <summary>The startup added by WithListenersFromConfig: reads and logs the listeners, then hands them to the starter.</summary>
internal sealed class ConfiguredListenersStartup(IListenerStarter starter, ILogger<ConfiguredListenersStartup> log) : IActorSystemStartup
{
    public Task StartAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var listeners = ListenerDefinitions.Read(system.Config);
        foreach (var listener in listeners)
        {
            log.LogInformation(HostingEvents.ListenerConfigured, "configured: {Listener} on {Endpoint} (protocol {Protocol})",
                listener.Name, listener.Endpoint, listener.Protocol);
        }

        return starter.StartAsync(system, listeners, cancellationToken);
    }
}

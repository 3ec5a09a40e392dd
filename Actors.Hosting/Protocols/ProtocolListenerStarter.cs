using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Kernel;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.Protocols.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting.Protocols;

/// <summary>
/// Binds the configured listeners with the protocols of the <see cref="ProtocolCatalog"/>. Every listener is
/// checked before any binds; then each binds, and the phased shutdown gets its tasks: unbind the listeners,
/// drain the connections (LoseConnection, wait up to drain-timeout), abort the rest and stop the factories.
/// </summary>
internal sealed class ProtocolListenerStarter(ProtocolCatalog catalog, IEnumerable<IListenerFactoryHook> hooks, ILogger<ProtocolListenerStarter> log)
    : IListenerStarter
{
    public async Task StartAsync(ActorSystem system, IReadOnlyList<ListenerDefinition> listeners, CancellationToken cancellationToken)
    {
        var plans = ListenerPlan.Check(system.Config, listeners, catalog);
        var factories = CreateFactories(system, plans);
        var ports = new List<(ListenerPlan Plan, IListeningPort Port)>();
        foreach (var plan in plans)
        {
            var factory = factories[plan.FactoryKey];
            IListeningPort port;
            try
            {
                port = await new ServerEndpoint(system, plan.ToEndPoint(), plan.Endpoint.Backlog, null).Listen(factory)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await Task.WhenAll(ports.Select(p => p.Port.StopListening())).ConfigureAwait(false);
                throw new ListenerStartException(
                    $"listener {plan.Definition.Name} ({plan.Definition.Endpoint}, {plan.Definition.Settings.GetOrigin("endpoint")}): {exception.Message}", exception);
            }

            ports.Add((plan, port));
            log.LogInformation(HostingEvents.ListenerStarted, "listening: {Listener} on {Address} (protocol {Protocol})",
                plan.Definition.Name, Describe(port), plan.Protocol.Name);
        }

        RegisterShutdown(system, ports.Select(p => p.Port).ToList(), factories.Values.ToList());
    }

    /// <summary>One factory per key, each shown to the hooks; a hook may still refuse the configuration, since nothing is bound yet.</summary>
    private Dictionary<string, Factory> CreateFactories(ActorSystem system, IReadOnlyList<ListenerPlan> plans)
    {
        var factories = new Dictionary<string, Factory>();
        foreach (var group in plans.GroupBy(p => p.FactoryKey))
        {
            var plan = group.First();
            var factory = plan.Protocol.CreateFactory(plan.Settings);
            factory.Name = plan.FactoryKey.StartsWith("shared:", StringComparison.Ordinal) ? plan.FactoryKey["shared:".Length..] : plan.Definition.Name;
            if (plan.Limits.MaxConnections is not null || plan.Limits.MaxConnectionsPerPeer is not null) factory.Limits = plan.Limits;
            factory.Policies = plan.Policies;
            factories[plan.FactoryKey] = factory;
        }

        foreach (var hook in hooks)
        {
            foreach (var group in plans.GroupBy(p => p.FactoryKey))
            {
                var factory = factories[group.Key];
                hook.Configure(system, new ListenerFactory(factory.Name!, factory, group.First().Scope, group.Select(p => p.Definition).ToList()));
            }
        }

        return factories;
    }

    private static string Describe(IListeningPort port) => port.LocalAddress switch
    {
        System.Net.IPEndPoint ip => $"tcp:{ip.Address}:{ip.Port}",
        var other => $"unix:{other}",
    };

    private static void RegisterShutdown(ActorSystem system, List<IListeningPort> ports, List<Factory> factories)
    {
        var drainTimeout = system.Config.GetTimeSpan("actor-echo.hosting.drain-timeout");
        var shutdown = system.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "unbind listeners",
            () => Task.WhenAll(ports.Select(p => p.StopListening())));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain connections", async () =>
        {
            var drains = factories.Where(f => f.Actor is not null).Select(f =>
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                f.Actor!.Tell(new DrainConnections(completion), null);
                return completion.Task;
            });
            await Task.WhenAny(Task.WhenAll(drains), Task.Delay(drainTimeout)).ConfigureAwait(false);
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "abort connections and stop factories", () => Task.WhenAll(
            factories.Where(f => f.Actor is not null).Select(f =>
            {
                var actor = f.Actor!;
                actor.Tell(AbortConnections.Instance, null);
                return actor.GracefulStop(drainTimeout);
            })));
    }
}

/// <summary>A listener could not bind (a port in use, say); the message names the listener, its endpoint and where it is configured.</summary>
public sealed class ListenerStartException(string message, Exception inner) : Exception(message, inner);

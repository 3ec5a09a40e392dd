using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.Protocols.Hosting;
using Akka;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting.Protocols;

/// <summary>
/// Binds the configured listeners with the protocols of the <see cref="ProtocolCatalog"/>. Every listener is checked
/// before any binds; then each binds, and Akka's coordinated shutdown gets three tasks: service-unbind stops the
/// listeners accepting, service-requests-done drains the connections (LoseConnection, up to drain-timeout), and
/// service-stop aborts the rest and stops the factories.
/// </summary>
internal sealed class ProtocolListenerStarter(ProtocolCatalog catalog, IReadOnlyList<IListenerFactoryHook> hooks, ILogger log)
{
    public async Task<IReadOnlyList<IListeningPort>> StartAsync(ActorSystem system, Config config, CancellationToken cancellationToken)
    {
        var settings = HostingSettings.From(config);
        var listeners = ListenerDefinitions.Read(config);
        var plans = ListenerPlan.Check(config, listeners, catalog);
        var factories = CreateFactories(system, plans);
        var ports = new List<IListeningPort>();
        // Registered before the first bind: a failure below, or a stop during the start, still unbinds what bound.
        RegisterShutdown(system, ports, factories.Values.ToList(), settings.DrainTimeout);
        foreach (var plan in plans)
        {
            log.LogInformation(HostingEvents.ListenerConfigured, "configured: {Listener} on {Endpoint} (protocol {Protocol})",
                plan.Definition.Name, plan.Definition.Endpoint, plan.Protocol.Name);
            IListeningPort port;
            try
            {
                port = await new ServerEndpoint(system, plan.ToEndPoint(), plan.Endpoint.Backlog, null, plan.Transport, plan.Tls).Listen(factories[plan.FactoryKey])
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new ListenerStartException(
                    $"listener {plan.Definition.Name} ({plan.Definition.Endpoint}, {plan.Definition.Settings.GetOrigin("endpoint")}): {exception.Message}", exception);
            }

            lock (ports) ports.Add(port);
            BoundListeners.Add(system, plan.Definition.Name, port);
            log.LogInformation(HostingEvents.ListenerStarted, "listening: {Listener} on {Address} (protocol {Protocol})",
                plan.Definition.Name, Describe(port, plan.Endpoint), plan.Protocol.Name);
        }

        return ports;
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

    private static string Describe(IListeningPort port, ServerEndpointDescription endpoint) => port.LocalAddress switch
    {
        System.Net.IPEndPoint ip => $"{(endpoint.Kind == EndpointKind.Ssl ? "ssl" : "tcp")}:{ip.Address}:{ip.Port}",
        var other => $"unix:{other}",
    };

    private static void RegisterShutdown(ActorSystem system, List<IListeningPort> ports, List<Factory> factories, TimeSpan drainTimeout)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "actor-echo-stop-listening", async () =>
        {
            IListeningPort[] bound;
            lock (ports) bound = [.. ports];
            await Task.WhenAll(bound.Select(p => p.StopListening())).ConfigureAwait(false);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "actor-echo-drain-connections", async () =>
        {
            var drains = factories.Where(f => f.Actor is not null).Select(f =>
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                f.Actor!.Tell(new DrainConnections(completion), ActorRefs.NoSender);
                return completion.Task;
            });
            await Task.WhenAny(Task.WhenAll(drains), Task.Delay(drainTimeout)).ConfigureAwait(false);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "actor-echo-stop-factories", async () =>
        {
            await Task.WhenAll(factories.Where(f => f.Actor is not null).Select(f =>
            {
                var actor = f.Actor!;
                actor.Tell(AbortConnections.Instance, ActorRefs.NoSender);
                return actor.GracefulStop(drainTimeout);
            })).ConfigureAwait(false);
            return Done.Instance;
        });
    }
}

/// <summary>A listener could not bind (a port in use, say); the message names the listener, its endpoint and where it is configured.</summary>
public sealed class ListenerStartException(string message, Exception inner) : Exception(message, inner);

using ActorEcho.Configuration;
using ActorEcho.Hosting.Configuration;
using ActorEcho.Hosting.Diagnostics;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Protocols;
using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Hosting;

/// <summary>
/// ActorEcho on Akka.Hosting: the configuration front door, protocols selectable by name, and the listeners of
/// <c>actor-echo.listeners</c> bound when the actor system starts, beside whatever else the application's Akka.Hosting
/// setup starts.
/// </summary>
public static class ActorEchoHostingExtensions
{
    private const string DrainPhaseTimeout = "akka.coordinated-shutdown.phases.service-requests-done.timeout";

    /// <summary>
    /// Hands Akka a configuration read by ActorEcho's HOCON reader (<see cref="ConfigurationFactory.Load"/>: includes,
    /// substitutions, <c>${?ENV}</c>, errors with file and line), with ActorEcho's reference.conf beneath it, as a tree:
    /// Akka's own text parser never sees it. Its <c>akka.*</c> settings configure Akka; its <c>actor-echo.*</c> settings
    /// ActorEcho. Unless the file sets it, the drain phase of the coordinated shutdown is given room for the drain timeout.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorEchoConfig(this AkkaConfigurationBuilder builder, Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(ConfigurationFactory.Reference());
        var setup = ActorEchoSetup.Of(builder);
        setup.Config = merged;
        setup.UserConfig = config;
        builder.AddHocon(merged.ToAkkaConfig(), HoconAddMode.Prepend);
        if (!config.HasPath(DrainPhaseTimeout))
        {
            // The drain waits up to drain-timeout inside this phase; Akka's default phase timeout (5 s) would cut it short.
            var room = HostingSettings.From(merged).DrainTimeout + HostingSettings.DrainPhaseMargin;
            builder.AddHocon(ConfigurationFactory.ParseString($"{DrainPhaseTimeout} = {(long)room.TotalMilliseconds}ms", "drain phase").ToAkkaConfig(),
                HoconAddMode.Prepend);
        }

        return builder;
    }

    /// <summary>Reads <paramref name="path"/> with ActorEcho's reader and passes it to <see cref="WithActorEchoConfig"/>.</summary>
    public static AkkaConfigurationBuilder WithActorEchoHoconFile(this AkkaConfigurationBuilder builder, string path) =>
        builder.WithActorEchoConfig(ConfigurationFactory.Load(path));

    /// <summary>Makes <typeparamref name="T"/> selectable as <c>protocol = name</c>; it has no settings of its own.</summary>
    public static AkkaConfigurationBuilder AddProtocol<T>(this AkkaConfigurationBuilder builder, string name) where T : Protocol, new()
    {
        ActorEchoSetup.Of(builder).Protocols.Add((_, _) => ProtocolRegistration.For<T>(name));
        return builder;
    }

    /// <summary>
    /// A protocol built with what the application started: <paramref name="create"/> runs once when the listeners start,
    /// with the actor system and Akka.Hosting's registry (to find the application's actors), and returns what makes each
    /// connection's protocol.
    /// </summary>
    public static AkkaConfigurationBuilder AddProtocol(this AkkaConfigurationBuilder builder, string name,
        Func<ActorSystem, IActorRegistry, Func<Protocol>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        ActorEchoSetup.Of(builder).Protocols.Add((system, registry) =>
        {
            var each = create(system, registry);
            return new ProtocolRegistration(name, new Dictionary<string, SettingKind>(), _ => new Factory(each));
        });
        return builder;
    }

    /// <summary>A protocol with settings: <paramref name="settings"/> lists them with their kinds; <paramref name="create"/> builds each connection's protocol.</summary>
    public static AkkaConfigurationBuilder AddProtocol(this AkkaConfigurationBuilder builder, string name, IReadOnlyDictionary<string, SettingKind> settings,
        Func<Config, Func<Protocol>> create)
    {
        ActorEchoSetup.Of(builder).Protocols.Add((_, _) => new ProtocolRegistration(name, settings, config => new Factory(create(config))));
        return builder;
    }

    /// <summary>A protocol whose listeners need their own factory type (shared state, limits, broadcast).</summary>
    public static AkkaConfigurationBuilder AddProtocolFactory(this AkkaConfigurationBuilder builder, string name, IReadOnlyDictionary<string, SettingKind> settings,
        Func<Config, Factory> create)
    {
        ActorEchoSetup.Of(builder).Protocols.Add((_, _) => new ProtocolRegistration(name, settings, create));
        return builder;
    }

    /// <summary>Lets another layer (the cluster) take part in every factory the listeners get, before any binds.</summary>
    public static AkkaConfigurationBuilder AddListenerFactoryHook(this AkkaConfigurationBuilder builder, IListenerFactoryHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ActorEchoSetup.Of(builder).Hooks.Add(hook);
        return builder;
    }

    /// <summary>
    /// Binds the listeners of <c>actor-echo.listeners</c> when the actor system has started: every <c>actor-echo</c>
    /// setting is checked first (<see cref="SettingsCheck"/>: a misspelt key, a wrong type, an unknown protocol, a bad
    /// endpoint, two listeners on one port), then each listener binds, logging <c>listening: NAME on ADDRESS (protocol P)</c>;
    /// the coordinated shutdown unbinds, drains and stops them. A mistake, or a port that cannot be bound, fails the host's
    /// start (Akka.Hosting rethrows it from <c>StartAsync</c>) with nothing left bound; <see cref="ListenerStartFailure"/>
    /// keeps it for a host choosing its exit code.
    /// </summary>
    public static AkkaConfigurationBuilder WithProtocolListeners(this AkkaConfigurationBuilder builder)
    {
        var setup = ActorEchoSetup.Of(builder);
        return builder.AddStartup(async (system, registry) =>
        {
            try
            {
                var catalog = new ProtocolCatalog(setup.Protocols.Select(p => p(system, registry)));
                SettingsCheck.Check(setup.UserConfig, catalog);
                var log = LoggerFactoryOf(system).CreateLogger<ProtocolListenerStarter>();
                await new ProtocolListenerStarter(catalog, setup.Hooks, log).StartAsync(system, setup.Config, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                setup.StartFailure ??= exception;
                throw;
            }
        });
    }

    /// <summary>
    /// Logs each listener's counters from the <c>ActorEcho</c> meter every <c>actor-echo.hosting.metrics-log-interval</c>
    /// (when set) and once more at the end of the coordinated shutdown, so the totals include the drain.
    /// </summary>
    public static AkkaConfigurationBuilder WithMetricsLog(this AkkaConfigurationBuilder builder)
    {
        var setup = ActorEchoSetup.Of(builder);
        return builder.AddStartup((system, _) =>
        {
            var interval = HostingSettings.From(setup.Config).MetricsLogInterval;
            MetricsLog.Start(system, LoggerFactoryOf(system).CreateLogger<MetricsLog>(), interval);
        });
    }

    /// <summary>
    /// The port the listener <paramref name="listener"/> of <c>actor-echo.listeners</c> bound; its
    /// <see cref="IListeningPort.LocalAddress"/> has the real port when the endpoint asked for port 0. Throws
    /// <see cref="KeyNotFoundException"/>, naming the bound listeners, when no listener of that name has bound (yet).
    /// </summary>
    public static IListeningPort ListeningPort(this ActorSystem system, string listener) => BoundListeners.Get(system, listener);

    /// <summary>The exception that stopped the listeners from starting, if one did; for a host choosing its exit code.</summary>
    public static Exception? ListenerStartFailure(this AkkaConfigurationBuilder builder) => ActorEchoSetup.Of(builder).StartFailure;

    /// <summary>The application's logger factory when Akka.Hosting put the service provider into the system, else none.</summary>
    internal static ILoggerFactory LoggerFactoryOf(ActorSystem system)
    {
        try
        {
            return DependencyResolver.For(system).Resolver.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Akka.Configuration.ConfigurationException)
        {
            return NullLoggerFactory.Instance;
        }
    }
}

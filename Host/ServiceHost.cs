using System.Runtime.InteropServices;
using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace ActorEcho.Host;

/// <summary>Builds and runs the generic host with the actor system through Akka.Hosting; maps how it ended to an exit code.</summary>
internal static class ServiceHost
{
    public const string SystemName = "actor-echo";

    // The Host's own Akka settings, under the user's file: Akka's CLR exit hook would run the coordinated shutdown on the
    // signal thread and end the actor system before the generic host stops; off, the host stops first and Akka.Hosting's
    // service runs the shutdown (the drain included) as part of that stop.
    private const string HostAkkaSettings = """
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.stdout-loglevel = OFF
        """;

    /// <summary>The protocols the Host serves: the built-in ones.</summary>
    public static ProtocolCatalog Catalog() => new([]);

    public static async Task<int> RunAsync(Config config, HostSettings settings)
    {
        // Args are ours, not the generic host's: its command-line configuration source would accept any --key value.
        var builder = GenericHost.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        // Ctrl-C and SIGTERM reach Akka.Hosting's StopAsync through the console lifetime; this bounds that stop.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);

        var stop = new StopSignals();
        var exit = new ExitCodeOnTermination(stop);
        AkkaConfigurationBuilder? akka = null;
        var hostConfig = ConfigurationFactory.ParseString(HostAkkaSettings, "Host").WithFallback(config);
        builder.Services.AddAkka(SystemName, (akkaBuilder, _) =>
        {
            akka = akkaBuilder;
            akkaBuilder
                .WithActorEchoConfig(hostConfig)
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .AddStartup((system, _) => exit.Watch(system, HostingSettingsOf(config).SystemTerminatedExitCode))
                .WithMetricsLog()
                .WithPostgresCluster()
                .WithProtocolListeners();
        });

        using var app = builder.Build();
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.Requested)
        {
            // Stopped while still starting (SIGTERM right after launch): nothing was serving yet, so nothing was lost.
            return ExitCodes.Ok;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"Host: failed: {exception}");
            return ExitCodes.Failure;
        }

        switch (akka?.ListenerStartFailure())
        {
            case ConfigException configError:
                // A hook (the cluster, say) found a mistake before binding: same contract as a bad file.
                Console.Error.WriteLine(configError.Message);
                return ExitCodes.BadInput;
            case ListenerStartException bindError:
                // A port in use, say: one line naming the listener and the port, no stack trace.
                Console.Error.WriteLine($"Host: {bindError.Message}");
                return ExitCodes.Failure;
            case { } other:
                Console.Error.WriteLine($"Host: the listeners failed to start: {other.Message}");
                return ExitCodes.Failure;
        }

        return exit.Code;
    }

    private static HostingSettings HostingSettingsOf(Config config) => HostingSettings.From(config.WithFallback(ConfigurationFactory.Reference()));

    /// <summary>Remembers that the process was asked to stop (Ctrl-C, SIGTERM, SIGQUIT), before the host starts stopping.</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;
        private volatile bool _requested;

        public StopSignals() => _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => _requested = true),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => _requested = true),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => _requested = true),
        ];

        public bool Requested => _requested;

        public void Dispose()
        {
            foreach (var registration in _registrations) registration.Dispose();
        }
    }

    /// <summary>
    /// The exit code: 0 after a requested stop; when the actor system terminates without one (its coordinated shutdown run
    /// from inside, a cluster downing this node), <c>actor-echo.hosting.system-terminated-exit-code</c>, so a supervisor
    /// sees a failure. Akka.Hosting stops the host in that case but the process would otherwise exit 0.
    /// </summary>
    private sealed class ExitCodeOnTermination(StopSignals stop)
    {
        private volatile int _code = ExitCodes.Ok;

        public int Code => _code;

        public void Watch(ActorSystem system, int unexpectedCode) =>
            system.WhenTerminated.ContinueWith(_ =>
            {
                if (!stop.Requested) _code = unexpectedCode;
            }, TaskScheduler.Default);
    }
}

using ActorEcho.Admin;
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

    /// <summary>The protocols the Host serves: the built-in ones (and the test protocols when they are switched on).</summary>
    public static ProtocolCatalog Catalog() => new(TestProtocols.ForChecking());

    public static async Task<int> RunAsync(Config config, HostSettings settings, StopSignals stop)
    {
        // Args are ours, not the generic host's: its command-line configuration source would accept any --key value.
        var builder = GenericHost.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // Operations (issue 17): console format from actor-echo.logging, the OTLP export from actor-echo.telemetry.
        HostLogging.Configure(builder.Logging, config);
        builder.Services.AddActorEchoTelemetry(config);
        // Ctrl-C and SIGTERM reach Akka.Hosting's StopAsync through the console lifetime; this bounds that stop.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);

        AkkaConfigurationBuilder? akka = null;
        ActorSystem? system = null;
        var hostConfig = ConfigurationFactory.ParseString(HostAkkaSettings, "Host").WithFallback(config);
        builder.Services.AddAkka(SystemName, (akkaBuilder, _) =>
        {
            akka = akkaBuilder;
            akkaBuilder
                .WithActorEchoConfig(hostConfig)
                .ConfigureLoggers(HostLogging.ConfigureAkka)
                .AddStartup((actorSystem, _) => system = actorSystem);
            TestProtocols.AddTo(akkaBuilder);
            akkaBuilder
                .WithActorEchoOperations() // before the listeners: the admin endpoint answers while they bind
                .WithMetricsLog()
                .WithActorEchoCluster()
                .WithProtocolListeners();
        });

        using var app = builder.Build();
        // A signal caught before the host's own console lifetime listened (while it was being built) still stops it.
        using var forward = stop.Token.Register(() => app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.Requested)
        {
            // Stopped while still starting: nothing was serving yet, so nothing was lost.
            return ExitCodes.Ok;
        }
        catch (Exception) when (akka?.ListenerStartFailure() is { } failure)
        {
            // Akka.Hosting rethrows a failed startup task out of the host's start; the listeners' own reason is the one to report.
            return ReportStartFailure(failure);
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"Host: failed: {exception}");
            return ExitCodes.Failure;
        }

        return ExitCode(system, config);
    }

    private static int ReportStartFailure(Exception failure)
    {
        switch (failure)
        {
            case ConfigException configError:
                // A hook (the cluster, say) found a mistake before binding: same contract as a bad file.
                Console.Error.WriteLine(configError.Message);
                return ExitCodes.BadInput;
            case ListenerStartException bindError:
                // A port in use, say: one line naming the listener and the port, no stack trace.
                Console.Error.WriteLine($"Host: {bindError.Message}");
                return ExitCodes.Failure;
            default:
                Console.Error.WriteLine($"Host: the listeners failed to start: {failure.Message}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// 0 when the host asked the actor system to stop (a signal, or the host stopping for any other reason of its own).
    /// When the system ran its coordinated shutdown for a reason of its own (the cluster downing this node, a failed join,
    /// code inside calling Run), <c>actor-echo.hosting.system-terminated-exit-code</c>, so a supervisor sees a failure and
    /// restarts the node: Akka.Hosting stops the host in that case but the process would otherwise exit 0. A node that
    /// left the cluster because it was asked to (the cluster's leaving reason) exits 0. The first reason given wins, so a SIGTERM
    /// arriving while such a shutdown runs does not turn it into a requested stop.
    /// </summary>
    private static int ExitCode(ActorSystem? system, Config config)
    {
        var reason = system is null ? null : CoordinatedShutdown.Get(system).ShutdownReason;
        // A leave asked of the cluster for this node (from another member, say) ends it as a requested stop does.
        if (reason is not null && reason is not (CoordinatedShutdown.ClrExitReason or CoordinatedShutdown.ClusterLeavingReason))
        {
            var code = HostingSettings.From(config.WithFallback(ConfigurationFactory.Reference())).SystemTerminatedExitCode;
            Console.Error.WriteLine($"Host: the actor system stopped on its own (reason: {reason}); exit code {code}");
            return code;
        }

        return ExitCodes.Ok;
    }
}

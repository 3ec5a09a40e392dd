using ActorEcho.Configuration;
using ActorEcho.Diagnostics;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Admin;
using ActorEcho.Hosting.Diagnostics;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Akka;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ActorEcho.Admin;

/// <summary>
/// Wires the operator's tools from <c>actor-echo.admin</c> and <c>actor-echo.telemetry</c>: the OTLP export of the
/// <c>ActorEcho</c> meter (a service of the generic host) and, on the actor system, the dead-letter count, readiness and
/// the admin endpoint.
/// </summary>
public static class ActorEchoOperationsExtensions
{
    /// <summary>The service name the OTLP export reports (the resource's <c>service.name</c>).</summary>
    public const string ServiceName = "actor-echo";

    /// <summary>
    /// When <c>actor-echo.telemetry.otlp-endpoint</c> is set, exports the <c>ActorEcho</c> meter there every
    /// <c>export-interval</c> through OpenTelemetry's SDK, started and stopped with the generic host.
    /// </summary>
    public static IServiceCollection AddActorEchoTelemetry(this IServiceCollection services, Config config)
    {
        var settings = TelemetrySettings.From(config.WithFallback(ConfigurationFactory.Reference()));
        if (settings.OtlpEndpoint is not { } endpoint) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ActorEchoMetrics.MeterName)
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = settings.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.ExportInterval.TotalMilliseconds;
                    // Counters as running totals, as Prometheus and dotnet-counters show them.
                    reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                }));
        return services;
    }

    /// <summary>
    /// Counts dead letters into the meter, keeps <see cref="Readiness"/> (listeners bound, not draining) and, when
    /// <c>actor-echo.admin.endpoint</c> is set, serves the admin endpoint from before the listeners bind until after the
    /// drain. Call it before <see cref="ActorEchoHostingExtensions.WithProtocolListeners"/>, so the endpoint answers
    /// (not ready) while they bind. A port it cannot bind fails the host's start like a listener's.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorEchoOperations(this AkkaConfigurationBuilder builder)
    {
        var setup = ActorEchoSetup.Of(builder);
        return builder.AddStartup(async (system, _) =>
        {
            system.ActorOf(DeadLetterCounter.Props, "actor-echo-deadletter-counter");
            var readiness = Readiness.For(system);
            readiness.ExpectListeners(ListenerDefinitions.Read(setup.Config).Select(d => d.Name));
            var log = ActorEchoHostingExtensions.LoggerFactoryOf(system).CreateLogger(typeof(AdminEndpoint).FullName!);
            var shutdown = CoordinatedShutdown.Get(system);
            // Before the listeners stop accepting: a balancer polling /readyz turns away before connections are refused.
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "actor-echo-not-ready", () =>
            {
                readiness.BeginDrain();
                log.LogInformation(AdminEvents.Draining, "admin: draining, /readyz answers 503 from now on");
                return Task.FromResult(Done.Instance);
            });

            var settings = AdminSettings.From(setup.Config);
            if (!settings.Enabled) return;
            AdminEndpoint endpoint;
            try
            {
                endpoint = await AdminEndpoint.StartAsync(system, settings, ActorEchoHostingExtensions.LoggerFactoryOf(system)).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var failure = new ListenerStartException(
                    $"admin endpoint ({settings.Endpoint}, {setup.Config.GetOrigin("actor-echo.admin.endpoint")}): {exception.Message}", exception);
                setup.StartFailure ??= failure;
                throw failure;
            }

            log.LogInformation(AdminEvents.Listening, "admin: listening on {Address}", endpoint.Address);
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "actor-echo-admin-stop", async () =>
            {
                await endpoint.DisposeAsync().ConfigureAwait(false);
                return Done.Instance;
            });
        });
    }
}

/// <summary>Stable event ids of the admin endpoint's log lines.</summary>
internal static class AdminEvents
{
    public static readonly EventId Listening = new(4101, "AdminListening");
    public static readonly EventId Draining = new(4102, "AdminDraining");
}

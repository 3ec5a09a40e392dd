using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Protocols.Hosting;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Hosting;

/// <summary>The cluster on PostgreSQL as an Akka.Hosting building block.</summary>
public static class ClusterHostingExtensions
{
    // Akka's phases give each task 5 s unless configured; a leave step may take two database commands.
    private const string BeginLeavePhase = "akka.coordinated-shutdown.phases.before-service-unbind.timeout";
    private const string LeavePhase = "akka.coordinated-shutdown.phases.cluster-leave.timeout";

    /// <summary>How much longer than the leave's own timeout its phase may take, so the task's message is the one logged.</summary>
    private static readonly TimeSpan PhaseMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When <c>actor-echo.cluster.enabled = on</c>: starts the <see cref="Cluster"/> with the actor system, and joins every
    /// listener of <c>WithProtocolListeners</c> to it: its connection counts are reported with each heartbeat, its
    /// factory's broadcasts reach the same listener on every node, and <c>scope = cluster</c> caps count every live
    /// node. When off, nothing starts and a listener with <c>scope = cluster</c> is refused as a configuration mistake.
    /// Call it after <c>WithActorEchoConfig</c>: the leave's shutdown phases are given room for its command-timeout.
    /// </summary>
    public static AkkaConfigurationBuilder WithPostgresCluster(this AkkaConfigurationBuilder builder)
    {
        var setup = ActorEchoSetup.Of(builder);
        GiveLeavePhasesRoom(builder, setup.Config);
        builder.AddListenerFactoryHook(new ClusterListenerHook(() => setup.Config));
        // Started before the listeners bind (startups run in the order added), and by the hook if it runs first.
        return builder.AddStartup((system, _) =>
        {
            var settings = ClusterSettings.From(setup.Config);
            if (!settings.Enabled) return;
            var cluster = Cluster.Start(system, settings);
            new AkkaLogger(Logging.GetLogger(system, typeof(Cluster))).LogInformation(ClusterEvents.ClusterStarted,
                "Cluster enabled: joining as {Member}, heartbeat every {Interval}, failure timeout {Timeout}",
                cluster.SelfMember, settings.HeartbeatInterval, settings.FailureTimeout);
        });
    }

    private static void GiveLeavePhasesRoom(AkkaConfigurationBuilder builder, Config config)
    {
        var settings = ClusterSettings.From(config);
        if (!settings.Enabled) return;
        var room = (long)(settings.CommandTimeout * 2 + PhaseMargin).TotalMilliseconds;
        foreach (var phase in new[] { BeginLeavePhase, LeavePhase }.Where(p => !config.HasPath(p)))
            builder.AddHocon(ConfigurationFactory.ParseString($"{phase} = {room}ms", "cluster leave phases").ToAkkaConfig(), HoconAddMode.Prepend);
    }
}

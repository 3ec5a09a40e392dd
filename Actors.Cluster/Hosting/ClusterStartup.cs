using ActorEcho.Hosting;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Starts the cluster with the host when it is enabled. This does not wait for the database: an unreachable one is
/// logged by the membership actor, which keeps retrying while the listeners serve standalone.
/// </summary>
internal sealed class ClusterStartup(ILogger<ClusterStartup> log) : IActorSystemStartup
{
    public Task StartAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var settings = ClusterSettings.From(system.Config);
        if (!settings.Enabled) return Task.CompletedTask;
        var cluster = Cluster.Get(system);
        log.LogInformation(ClusterEvents.ClusterStarted, "Cluster enabled: joining as {Member}, heartbeat every {Interval}, failure timeout {Timeout}",
            cluster.SelfMember, settings.HeartbeatInterval, settings.FailureTimeout);
        return Task.CompletedTask;
    }
}

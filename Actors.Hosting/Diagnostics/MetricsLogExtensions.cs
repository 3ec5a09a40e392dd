using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Hosting.Diagnostics;

public static class MetricsLogExtensions
{
    /// <summary>
    /// Logs each listener's counters from the <c>ActorEcho</c> meter when the host stops, and every
    /// <c>actor-echo.hosting.metrics-log-interval</c> when that is set.
    /// </summary>
    public static ActorSystemBuilder WithMetricsLog(this ActorSystemBuilder builder)
    {
        // Added while AddActorSystem runs its configure callback, so before the actor system's own hosted service:
        // hosted services stop in reverse order, so this one stops after the drain and its totals include it.
        builder.Services.AddHostedService<MetricsLog>();
        return builder;
    }
}

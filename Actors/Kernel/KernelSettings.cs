using ActorEcho.Configuration;

namespace ActorEcho.Kernel;

/// <summary>The kernel's settings, read once when the system starts; every default lives in reference.conf.</summary>
internal sealed record KernelSettings(
    int Throughput,
    TimeSpan AskTimeout,
    bool LogDeadLetters,
    TimeSpan SchedulerTickDuration,
    int SchedulerTicksPerWheel,
    TimeSpan DefaultPhaseTimeout,
    IReadOnlyDictionary<string, TimeSpan> PhaseTimeouts)
{
    private const string Root = "actor-echo";

    /// <summary>Reads the settings from a config that already falls back to reference.conf.</summary>
    public static KernelSettings From(Config config)
    {
        var defaultPhaseTimeout = config.GetTimeSpan($"{Root}.coordinated-shutdown.default-phase-timeout");
        var phases = CoordinatedShutdown.Phases.ToDictionary(
            phase => phase,
            phase => config.GetTimeSpan($"{Root}.coordinated-shutdown.phases.{phase}.timeout", defaultPhaseTimeout));
        var throughput = config.GetInt($"{Root}.actor.throughput");
        if (throughput < 1)
            throw config.InvalidValue($"{Root}.actor.throughput", $"must be at least 1, found {throughput}");
        return new KernelSettings(
            throughput,
            config.GetTimeSpan($"{Root}.actor.ask-timeout"),
            config.GetBoolean($"{Root}.actor.log-dead-letters"),
            config.GetTimeSpan($"{Root}.scheduler.tick-duration"),
            config.GetInt($"{Root}.scheduler.ticks-per-wheel"),
            defaultPhaseTimeout,
            phases);
    }
}

namespace ActorEcho.Kernel;

/// <summary>The kernel's settings, read once when the system starts (defaults live in reference.conf).</summary>
internal sealed record KernelSettings(
    int Throughput,
    TimeSpan AskTimeout,
    bool LogDeadLetters,
    TimeSpan SchedulerTickDuration,
    int SchedulerTicksPerWheel,
    TimeSpan DefaultPhaseTimeout,
    IReadOnlyDictionary<string, TimeSpan> PhaseTimeouts);

namespace ActorEcho.Kernel;

/// <summary>Something scheduled that may still be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls it off; a timer that already fired is not affected. Safe to call twice.</summary>
    void Cancel();

    bool IsCancellationRequested { get; }
}

/// <summary>
/// Timers for actors, and the clock they run on. The system's default is a hashed timer wheel; tests swap in
/// a manual scheduler whose time moves only when told, so timer behaviour is tested without waiting.
/// </summary>
public interface IScheduler
{
    /// <summary>Wall-clock time as this scheduler sees it.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started; use it to measure durations.</summary>
    TimeSpan Elapsed { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> on the thread pool after <paramref name="delay"/>.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

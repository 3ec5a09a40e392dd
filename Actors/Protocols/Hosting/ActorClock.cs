using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The clock a hosted protocol or factory sees: time from the actor system's scheduler, but <see cref="ScheduleOnce"/>
/// callbacks come back as a message to the owning actor and run on its turn, so they may touch its state.
/// </summary>
/// <remarks>
/// Akka.TestKit's TestScheduler moves <c>Now</c> when a test advances it but reports the process's
/// real time as <c>MonotonicClock</c>. A policy that sets a deadline from <see cref="Elapsed"/> and a
/// timer on the scheduler would then never see the deadline come, so under that scheduler durations are measured
/// from <c>Now</c>, from the moment this clock was made. Every other scheduler's monotonic clock is
/// the one to measure with: wall-clock time can jump.
/// </remarks>
internal sealed class ActorClock(IScheduler scheduler, IActorRef owner) : IClock
{
    private const string ManualSchedulerType = "Akka.TestKit.TestScheduler";

    private readonly DateTimeOffset? _manualOrigin = IsManual(scheduler) ? scheduler.Now : null;

    public DateTimeOffset Now => scheduler.Now;

    public TimeSpan Elapsed => _manualOrigin is { } origin ? scheduler.Now - origin : scheduler.MonotonicClock;

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var timer = new Cancelable(scheduler);
        scheduler.ScheduleTellOnce(delay, owner, new ClockTick(action, timer), owner, timer);
        return timer;
    }

    /// <summary>By name: the library does not reference Akka.TestKit, and a subclass of the manual scheduler is manual too.</summary>
    private static bool IsManual(IScheduler scheduler)
    {
        for (var type = scheduler.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == ManualSchedulerType) return true;
        }

        return false;
    }
}

/// <summary>A timer callback arriving at its owner; skipped if the timer was cancelled after it fired.</summary>
internal sealed class ClockTick(Action action, ICancelable timer)
{
    public void Run()
    {
        if (timer.IsCancellationRequested) return;
        action();
    }
}

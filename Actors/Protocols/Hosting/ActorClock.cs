using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The clock a hosted protocol or factory sees: time from the actor system's scheduler, but <see cref="ScheduleOnce"/>
/// callbacks come back as a message to the owning actor and run on its turn, so they may touch its state.
/// </summary>
internal sealed class ActorClock(IScheduler scheduler, IActorRef owner) : IClock
{
    public DateTimeOffset Now => scheduler.Now;

    public TimeSpan Elapsed => scheduler.MonotonicClock;

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var timer = new Cancelable(scheduler);
        scheduler.ScheduleTellOnce(delay, owner, new ClockTick(action, timer), owner, timer);
        return timer;
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

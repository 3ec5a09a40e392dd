using ActorEcho.Kernel;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The scheduler a protocol or factory sees: time from the system's scheduler, but <see cref="ScheduleOnce"/>
/// callbacks come back as a message to the owning actor and run on its turn, so they may touch its state.
/// </summary>
internal sealed class ActorClock(IScheduler inner, IActorRef owner) : IScheduler
{
    public DateTimeOffset Now => inner.Now;

    public TimeSpan Elapsed => inner.Elapsed;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        inner.ScheduleTellOnce(delay, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender) =>
        inner.ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender);

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var tick = new ClockTick(action);
        var timer = inner.ScheduleTellOnce(delay, owner, tick, owner);
        tick.Timer = timer;
        return timer;
    }
}

/// <summary>A timer callback arriving at its owner; skipped if the timer was cancelled after it fired.</summary>
internal sealed class ClockTick(Action action)
{
    public ICancelable? Timer { get; set; }

    public void Run()
    {
        if (Timer is { IsCancellationRequested: true }) return;
        action();
    }
}

using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.TestKit;

/// <summary>
/// A protocol clock over an Akka scheduler, for protocols tested outside a connection actor (on a StringTransport,
/// say). Over Akka.TestKit's <c>TestScheduler</c> it is Twisted's task.Clock: time moves only when the test calls
/// <c>Advance</c>, and due callbacks run inside that call on the test's thread.
/// </summary>
public sealed class SchedulerClock(IScheduler scheduler) : IClock
{
    /// <summary>The HOCON line that makes an actor system's scheduler Akka.TestKit's manual one.</summary>
    public const string ManualSchedulerConfig = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    public DateTimeOffset Now => scheduler.Now;

    public TimeSpan Elapsed => scheduler.MonotonicClock;

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var timer = new Cancelable(scheduler);
        scheduler.Advanced.ScheduleOnce(delay, () =>
        {
            if (!timer.IsCancellationRequested) action();
        }, timer);
        return timer;
    }
}

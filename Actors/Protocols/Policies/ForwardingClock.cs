using ActorEcho.Kernel;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// The clock a wrapped protocol gets: every call goes to the wrapper's clock at the time of the call, so a
/// clock set on the outermost protocol after wrapping still reaches the innermost one, and a wrapper without
/// a clock fails the same way a bare protocol does.
/// </summary>
internal sealed class ForwardingClock(Protocol owner) : IScheduler
{
    public DateTimeOffset Now => owner.Clock.Now;

    public TimeSpan Elapsed => owner.Clock.Elapsed;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        owner.Clock.ScheduleTellOnce(delay, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender) =>
        owner.Clock.ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender);

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => owner.Clock.ScheduleOnce(delay, action);
}

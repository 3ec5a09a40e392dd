using Akka.Actor;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// The clock a wrapped protocol gets: every call goes to the wrapper's clock at the time of the call, so a
/// clock set on the outermost protocol after wrapping still reaches the innermost one, and a wrapper without
/// a clock fails the same way a bare protocol does.
/// </summary>
internal sealed class ForwardingClock(Protocol owner) : IClock
{
    public DateTimeOffset Now => owner.Clock.Now;

    public TimeSpan Elapsed => owner.Clock.Elapsed;

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => owner.Clock.ScheduleOnce(delay, action);
}

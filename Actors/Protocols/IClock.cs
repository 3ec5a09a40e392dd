using Akka.Actor;

namespace ActorEcho.Protocols;

/// <summary>
/// Time and one-shot timers for a protocol or factory (Twisted's IReactorTime). A hosted protocol's clock runs its
/// callbacks on the connection actor's turn; a test can give a protocol a clock over Akka's <c>TestScheduler</c>, whose
/// callbacks run inside <c>Advance</c>.
/// </summary>
public interface IClock
{
    /// <summary>Wall-clock time as the underlying scheduler sees it.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started; use it to measure durations.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> (Twisted's callLater).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

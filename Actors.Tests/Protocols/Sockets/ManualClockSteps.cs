using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// Moves a manual clock in small steps with a barrier after each, for protocols running in a real connection
/// actor. A timer there fires as a message to the connection, handled on a later turn: without the barrier the
/// next step could run before that turn, and a timer re-armed on it would be measured from a clock that has
/// already moved on. With steps that land on every deadline the tests use (multiples of the step), each tick
/// is handled with the clock standing exactly at its deadline.
/// </summary>
internal sealed class ManualClockSteps(ManualScheduler clock, TestKitBase kit, IActorRef connection)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    public TimeSpan Now => clock.Elapsed;

    /// <summary>Advances to <paramref name="target"/>; returns the connection's answer to the ping after each step.</summary>
    public List<Pong> AdvanceTo(TimeSpan target, Action<TimeSpan, Pong>? check = null)
    {
        var answers = new List<Pong>();
        while (clock.Elapsed < target)
        {
            clock.Advance(Min(Step, target - clock.Elapsed));
            var pong = Barrier();
            check?.Invoke(clock.Elapsed, pong);
            answers.Add(pong);
        }

        return answers;
    }

    /// <summary>Pings the connection and waits for its answer, skipping the data reports queued before it.</summary>
    public Pong Barrier()
    {
        connection.Tell(Ping.Instance, kit.TestActor);
        return kit.FishForMessage<Pong>(_ => true);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

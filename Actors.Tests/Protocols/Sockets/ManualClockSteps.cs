using Akka.Actor;
using Akka.TestKit;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// Moves Akka.TestKit's manual scheduler in small steps with a barrier after each, for protocols running in a real
/// connection actor. A timer there fires as a message to the connection, handled on a later turn: without the barrier
/// the next step could run before that turn, and a timer re-armed on it would be measured from a clock that has
/// already moved on. TestScheduler shows every callback of one advance the advance's end time, so the steps land on
/// every deadline the tests use (multiples of the step), and each tick is handled with the clock standing exactly at
/// its deadline.
/// </summary>
internal sealed class ManualClockSteps(TestScheduler clock, TestKitBase kit, IActorRef connection)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    // The connection's clock started when its ConnectionMade ran, before the test made this object and before any advance.
    private readonly DateTimeOffset _origin = clock.Now;

    public TimeSpan Now => clock.Now - _origin;

    /// <summary>Advances to <paramref name="target"/>; returns the connection's answer to the ping after each step.</summary>
    public List<Pong> AdvanceTo(TimeSpan target, Action<TimeSpan, Pong>? check = null)
    {
        var answers = new List<Pong>();
        while (Now < target)
        {
            clock.Advance(Min(Step, target - Now));
            var pong = Barrier();
            check?.Invoke(Now, pong);
            answers.Add(pong);
        }

        return answers;
    }

    /// <summary>Moves the clock to <paramref name="target"/> in one advance, with no barrier.</summary>
    public void JumpTo(TimeSpan target) => clock.Advance(target - Now);

    /// <summary>
    /// Pings the connection and waits for its answer, skipping the data reports queued before it. A connection that
    /// has ended answers no ping: ActorEcho's transport completes a close with nothing left to send on the turn that
    /// asked for it and stops, where Akka.IO's connection is still closing a turn later. The protocol's "lost" report,
    /// which comes before the ping could have been answered, then stands for the answer of a connection that closed.
    /// </summary>
    public Pong Barrier()
    {
        if (_lost) return Ended;
        connection.Tell(Ping.Instance, kit.TestActor);
        if (kit.FishForMessage<object>(m => m is Pong or "lost") is Pong pong) return pong;
        _lost = true;
        return Ended;
    }

    /// <summary>Waits for the protocol's "lost" report, unless a barrier has already taken it.</summary>
    public void ExpectLost()
    {
        if (!_lost) kit.FishForMessage<string>(m => m == "lost");
        _lost = true;
    }

    private static readonly Pong Ended = new(Disconnecting: true, "lost");

    private bool _lost;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

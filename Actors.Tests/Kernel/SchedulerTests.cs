using ActorEcho.Kernel;
using ActorEcho.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Tests.Kernel;

public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnce_delivers_after_the_delay_and_not_before()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor, "tick", null);
        ExpectMsg("tick", TimeSpan.FromSeconds(2));
        Assert.True(started.ElapsedMilliseconds >= 200, $"fired after {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_cancelled_timer_never_fires()
    {
        var timer = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "tick", null);
        timer.Cancel();
        timer.Cancel();
        Assert.True(timer.IsCancellationRequested);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "fence", null);
        ExpectMsg("fence"); // a later timer fired, so the cancelled one had its chance
    }

    [Fact]
    public void ScheduleTellRepeatedly_repeats_until_cancelled()
    {
        var timer = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", null);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        timer.Cancel();
        // A tick being fired while Cancel ran may still arrive; a later timer on the same wheel fences it off.
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "fence", null);
        FishForMessage(m => Equals(m, "fence"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task ScheduleOnce_runs_the_action()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => ran.SetResult());
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task The_wheel_carries_100000_pending_timers_and_fires_them_all()
    {
        using var wheel = new HashedWheelScheduler(TimeSpan.FromMilliseconds(10), 512, NullLogger.Instance);
        const int count = 100_000;
        var fired = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < count; i++)
        {
            var timer = wheel.ScheduleOnce(TimeSpan.FromMilliseconds(50 + i % 200), () =>
            {
                if (Interlocked.Increment(ref fired) == count / 2) all.SetResult();
            });
            if (i % 2 == 1) timer.Cancel(); // every other one, at once: none of them may fire
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var fence = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        wheel.ScheduleOnce(TimeSpan.FromMilliseconds(300), () => fence.SetResult());
        await fence.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(count / 2, Volatile.Read(ref fired));
    }

    [Fact]
    public void A_timer_set_beyond_one_wheel_turn_waits_its_extra_rounds()
    {
        // 8 slots of 10 ms: one turn is 80 ms, so a 250 ms timer must skip three passes over its slot.
        using var wheel = new HashedWheelScheduler(TimeSpan.FromMilliseconds(10), 8, NullLogger.Instance);
        var started = System.Diagnostics.Stopwatch.StartNew();
        wheel.ScheduleTellOnce(TimeSpan.FromMilliseconds(250), TestActor, "late", null);
        ExpectMsg("late");
        Assert.True(started.ElapsedMilliseconds >= 250, $"fired after {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_wheel_rejects_a_size_that_is_not_a_power_of_two()
    {
        var error = Assert.Throws<ArgumentException>(() => new HashedWheelScheduler(TimeSpan.FromMilliseconds(10), 100, NullLogger.Instance));
        Assert.Contains("power of two", error.Message);
    }
}

public sealed class ManualClockTests() : TestKit.TestKit(manualClock: true)
{
    [Fact]
    public void A_timer_fires_only_after_Advance_reaches_its_deadline()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "timeout", null);
        Clock!.Advance(TimeSpan.FromSeconds(2.5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("timeout");
        Assert.Equal(TimeSpan.FromSeconds(3.5), Clock.Elapsed);
    }

    [Fact]
    public void Repeating_timers_fire_once_per_interval_passed()
    {
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", null);
        Clock!.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, ReceiveN(3).Count);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Timers_fire_in_deadline_order_with_the_clock_at_their_deadline()
    {
        var clock = Clock!;
        var seen = new List<TimeSpan>();
        clock.ScheduleOnce(TimeSpan.FromSeconds(2), () => seen.Add(clock.Elapsed));
        clock.ScheduleOnce(TimeSpan.FromSeconds(1), () => seen.Add(clock.Elapsed));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], seen);
    }

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(10));
            Receive<ReceiveTimeout>(_ => probe.Tell("idle"));
            Receive<string>(s => probe.Tell(s));
            Receive<Fence>(f => probe.Tell(f));
        }
    }

    /// <summary>
    /// Answered on a later turn than the message before it, so once it is back that turn has finished (and has
    /// restarted the timer); it does not restart the timer itself.
    /// </summary>
    private sealed record Fence : INotInfluenceReceiveTimeout;

    [Fact]
    public void Receive_timeout_fires_after_the_idle_period_and_each_message_restarts_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(probe.Ref)));
        actor.Tell("hello");
        actor.Tell(new Fence());
        probe.ExpectMsg("hello");
        probe.ExpectMsg<Fence>();
        Clock!.Advance(TimeSpan.FromSeconds(9));
        actor.Tell("again"); // restarts the 10 s period
        actor.Tell(new Fence());
        probe.ExpectMsg("again");
        probe.ExpectMsg<Fence>();
        Clock.Advance(TimeSpan.FromSeconds(9));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsg("idle");
    }
}

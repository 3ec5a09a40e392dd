using ActorEcho.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.TestKitTests;

/// <summary><see cref="SchedulerClock"/> over an actor system's ordinary scheduler: the real clock.</summary>
public sealed class RealSchedulerClockTests(ITestOutputHelper output) : AkkaSpec(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Elapsed_is_the_schedulers_monotonic_clock_and_Now_its_wall_clock()
    {
        var clock = new SchedulerClock(Sys.Scheduler);

        var before = Sys.Scheduler.MonotonicClock;
        var elapsed = clock.Elapsed;
        var after = Sys.Scheduler.MonotonicClock;

        Assert.InRange(elapsed, before, after);
        Assert.InRange(clock.Now, Sys.Scheduler.Now - Timeout, Sys.Scheduler.Now);
    }

    [Fact]
    public async Task A_callback_runs_once_its_delay_has_passed_on_the_monotonic_clock()
    {
        var clock = new SchedulerClock(Sys.Scheduler);
        var ran = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var delay = TimeSpan.FromMilliseconds(50);
        var start = clock.Elapsed;

        clock.ScheduleOnce(delay, () => ran.SetResult(clock.Elapsed));
        var at = await ran.Task.WaitAsync(Timeout);

        Assert.True(at - start >= delay, $"ran after {at - start}");
        Assert.Equal(0, clock.PendingCount);
    }

    [Fact]
    public async Task A_cancelled_callback_never_runs_and_only_live_timers_are_pending()
    {
        var clock = new SchedulerClock(Sys.Scheduler);
        var cancelledRan = false;
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var cancelled = clock.ScheduleOnce(TimeSpan.FromMilliseconds(20), () => cancelledRan = true);
        clock.ScheduleOnce(TimeSpan.FromMilliseconds(100), later.SetResult);
        var distant = clock.ScheduleOnce(TimeSpan.FromHours(1), () => { });
        cancelled.Cancel();
        await later.Task.WaitAsync(Timeout);

        Assert.False(Volatile.Read(ref cancelledRan));
        Assert.Equal(1, clock.PendingCount);
        distant.Cancel();
        Assert.Equal(0, clock.PendingCount);
    }
}

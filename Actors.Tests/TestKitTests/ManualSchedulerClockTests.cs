using ActorEcho.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.TestKitTests;

/// <summary><see cref="SchedulerClock"/> over Akka.TestKit's TestScheduler: a manual clock.</summary>
public sealed class ManualSchedulerClockTests : AkkaSpec
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly SchedulerClock _clock;
    private readonly List<string> _ran = [];

    public ManualSchedulerClockTests(ITestOutputHelper output)
        : base(output, manualClock: true)
    {
        _clock = new SchedulerClock(Sys.Scheduler);
    }

    [Fact]
    public void Akka_TestScheduler_alone_does_not_move_its_monotonic_clock_which_is_why_Elapsed_is_measured_from_Now()
    {
        var monotonic = Clock.MonotonicClock;

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(Clock.MonotonicClock - monotonic < TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromHours(1), _clock.Elapsed);
    }

    [Fact]
    public void Elapsed_starts_at_zero_and_Now_and_Elapsed_move_only_with_Advance()
    {
        var start = _clock.Now;
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
        Assert.Equal(Clock.Now, start);

        Clock.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(TimeSpan.FromSeconds(2.5), _clock.Elapsed);
        Assert.Equal(start + TimeSpan.FromSeconds(2.5), _clock.Now);
        Assert.Equal(Clock.Now, _clock.Now);
    }

    [Fact]
    public void A_callback_runs_only_inside_the_Advance_that_reaches_its_deadline_on_the_tests_thread()
    {
        var thread = -1;
        _clock.ScheduleOnce(Second, () => thread = Environment.CurrentManagedThreadId);

        Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(-1, thread);
        Assert.Equal(1, _clock.PendingCount);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void A_cancelled_callback_never_runs_and_is_not_pending()
    {
        var timer = _clock.ScheduleOnce(Second, () => _ran.Add("cancelled"));
        _clock.ScheduleOnce(Second, () => _ran.Add("kept"));

        timer.Cancel();
        Assert.True(timer.IsCancellationRequested);
        Assert.Equal(1, _clock.PendingCount);
        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["kept"], _ran);
        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void Callbacks_run_in_deadline_order_each_seeing_the_clock_at_its_own_deadline()
    {
        var start = _clock.Now;
        _clock.ScheduleOnce(TimeSpan.FromSeconds(3), () => _ran.Add($"c {_clock.Elapsed.TotalSeconds} {(_clock.Now - start).TotalSeconds}"));
        _clock.ScheduleOnce(Second, () => _ran.Add($"a {_clock.Elapsed.TotalSeconds} {(_clock.Now - start).TotalSeconds}"));
        _clock.ScheduleOnce(Second, () => _ran.Add($"b {_clock.Elapsed.TotalSeconds}"));

        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["a 1 1", "b 1", "c 3 3"], _ran);
        Assert.Equal(TimeSpan.FromSeconds(5), _clock.Elapsed);
    }

    [Fact]
    public void A_callback_that_schedules_another_within_the_same_advance_sees_it_run_there_at_its_deadline()
    {
        _clock.ScheduleOnce(Second, () =>
        {
            _ran.Add($"first {_clock.Elapsed.TotalSeconds}");
            _clock.ScheduleOnce(Second, () => _ran.Add($"second {_clock.Elapsed.TotalSeconds}"));
            _clock.ScheduleOnce(TimeSpan.Zero, () => _ran.Add($"at once {_clock.Elapsed.TotalSeconds}"));
            _clock.ScheduleOnce(TimeSpan.FromSeconds(10), () => _ran.Add("later"));
        });

        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first 1", "at once 1", "second 2"], _ran);
        Assert.Equal(1, _clock.PendingCount);
        Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("later", _ran[^1]);
    }

    [Fact]
    public void A_zero_or_negative_delay_waits_for_the_next_Advance_even_of_zero()
    {
        _clock.ScheduleOnce(TimeSpan.Zero, () => _ran.Add("zero"));
        _clock.ScheduleOnce(TimeSpan.FromSeconds(-1), () => _ran.Add("negative"));
        Assert.Empty(_ran);

        Clock.Advance(TimeSpan.Zero);

        Assert.Equal(["zero", "negative"], _ran);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
    }

    [Fact]
    public void A_callback_that_throws_interrupts_its_Advance_and_the_rest_run_at_the_next_one_once()
    {
        _clock.ScheduleOnce(Second, () => _ran.Add("before"));
        _clock.ScheduleOnce(Second, () => throw new InvalidOperationException("boom"));
        _clock.ScheduleOnce(TimeSpan.FromSeconds(2), () => _ran.Add("after"));

        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(() => Clock.Advance(TimeSpan.FromSeconds(3))).Message);
        Assert.Equal(["before"], _ran);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.Elapsed);

        Clock.Advance(TimeSpan.Zero);
        Clock.Advance(Second);

        Assert.Equal(["before", "after"], _ran);
        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void Two_clocks_on_one_scheduler_each_count_from_when_they_were_made()
    {
        Clock.Advance(TimeSpan.FromSeconds(10));
        var later = new SchedulerClock(Sys.Scheduler);
        later.ScheduleOnce(Second, () => _ran.Add($"later {later.Elapsed.TotalSeconds}"));
        _clock.ScheduleOnce(Second, () => _ran.Add($"first {_clock.Elapsed.TotalSeconds}"));

        Clock.Advance(Second);

        Assert.Equal(["first 11", "later 1"], _ran.Order());
        Assert.Equal(TimeSpan.FromSeconds(11), _clock.Elapsed);
        Assert.Equal(Second, later.Elapsed);
    }
}

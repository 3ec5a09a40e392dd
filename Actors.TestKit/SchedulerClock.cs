using ActorEcho.Protocols;
using Akka.Actor;
using Akka.TestKit;

namespace ActorEcho.TestKit;

/// <summary>
/// A protocol clock over an Akka scheduler, for protocols tested outside a connection actor (on a
/// <see cref="Protocols.StringTransport"/> or a <see cref="Protocols.LoopbackPair"/>, say). Over an ordinary scheduler
/// it is that scheduler's clock, and callbacks run wherever the scheduler runs them, at the same time as the test's
/// own code: use it there only for protocols that tolerate that, or prefer the manual clock.
/// </summary>
/// <remarks>
/// Over Akka.TestKit's <see cref="TestScheduler"/> it is a manual clock (Twisted's task.Clock): time moves only when
/// the test calls <see cref="TestScheduler.Advance"/>, and due callbacks run inside that call, on the test's thread,
/// in deadline order, each seeing <see cref="Now"/> and <see cref="Elapsed"/> at its own deadline. A callback that
/// schedules another one due within the same advance sees it run in that advance too. The clock adds this on top
/// of TestScheduler because, measured on Akka 1.5.75, TestScheduler alone does not move
/// <c>MonotonicClock</c>, shows every callback the advance's end time, leaves work scheduled by a
/// callback for an already reached time to the next advance, and ignores the cancelable given to
/// <c>ScheduleOnce</c>. <see cref="Elapsed"/> is therefore measured from <see cref="TestScheduler.Now"/>, starting at
/// zero when the clock is made. Timers of one clock keep their order; against other work on the same
/// TestScheduler (actor timers, another clock) the order is only by advance.
/// </remarks>
public sealed class SchedulerClock : IClock
{
    /// <summary>The HOCON line that makes an actor system's scheduler Akka.TestKit's manual one.</summary>
    public const string ManualSchedulerConfig = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    private readonly IScheduler _scheduler;
    private readonly TestScheduler? _manual;
    private readonly DateTimeOffset _origin;
    private readonly Lock _lock = new();

    // Manual clock: every timer not yet run, by deadline then by the order it was scheduled in.
    private readonly PriorityQueue<Timer, (TimeSpan Due, long Order)> _queue = new();
    private long _order;

    // Manual clock: the deadline of the callback running now, which is the clock's time during that callback.
    private TimeSpan? _firing;

    // Real clock: the timers handed to the scheduler and not yet run, for PendingCount.
    private readonly HashSet<Timer> _handedOut = [];

    /// <param name="scheduler">The scheduler to take time and timers from, usually the actor system's.</param>
    public SchedulerClock(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        _manual = scheduler as TestScheduler;
        _origin = scheduler.Now;
    }

    /// <summary>The scheduler's wall-clock time; on a manual clock, the deadline of the callback that is running.</summary>
    public DateTimeOffset Now => _manual is null ? _scheduler.Now : _origin + Elapsed;

    /// <summary>
    /// On a manual clock, the time the test advanced since the clock was made (or the running callback's deadline);
    /// otherwise the scheduler's monotonic clock.
    /// </summary>
    public TimeSpan Elapsed
    {
        get
        {
            if (_manual is null) return _scheduler.MonotonicClock;
            lock (_lock) return _firing ?? _manual.Now - _origin;
        }
    }

    /// <summary>Callbacks scheduled on this clock that have neither run nor been cancelled (Twisted's getDelayedCalls).</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _manual is null
                    ? _handedOut.Count(timer => !timer.Cancelable.IsCancellationRequested)
                    : _queue.UnorderedItems.Count(item => !item.Element.Cancelable.IsCancellationRequested);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once after <paramref name="delay"/> (a negative delay counts as zero) unless
    /// the returned handle is cancelled first.
    /// </summary>
    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var timer = new Timer(action, new Cancelable(_scheduler));
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        if (_manual is null)
        {
            ScheduleOnScheduler(timer, delay);
        }
        else
        {
            ScheduleManually(_manual, timer, delay);
        }

        return timer.Cancelable;
    }

    private void ScheduleOnScheduler(Timer timer, TimeSpan delay)
    {
        lock (_lock) _handedOut.Add(timer);
        _scheduler.Advanced.ScheduleOnce(delay, () =>
        {
            lock (_lock) _handedOut.Remove(timer);
            // Checked here as well: the cancelable may be set after the scheduler took the timer off its wheel.
            if (!timer.Cancelable.IsCancellationRequested) timer.Action();
        }, timer.Cancelable);
    }

    private void ScheduleManually(TestScheduler manual, Timer timer, TimeSpan delay)
    {
        TimeSpan wakeUp;
        lock (_lock)
        {
            var now = _firing ?? manual.Now - _origin;
            var due = now + delay;
            _queue.Enqueue(timer, (due, _order++));
            // Scheduled from a callback, the deadline may already be behind the scheduler's time: the drain that is
            // running picks it up, and the wake-up (at the scheduler's present) finds nothing left to do.
            wakeUp = due - (manual.Now - _origin);
        }

        manual.ScheduleOnce(wakeUp < TimeSpan.Zero ? TimeSpan.Zero : wakeUp, RunDue);
    }

    // A wake-up from the TestScheduler: runs every timer due by the scheduler's time, including those the callbacks
    // schedule on the way. Running twice is harmless, which matters because TestScheduler runs the wake-ups of a tick
    // again if a callback threw.
    private void RunDue()
    {
        var manual = _manual!;
        while (true)
        {
            Timer timer;
            lock (_lock)
            {
                // A callback that advances the scheduler itself would land here again; the outer drain continues.
                if (_firing is not null) return;
                if (!_queue.TryPeek(out timer!, out var key) || key.Due > manual.Now - _origin) return;
                _queue.Dequeue();
                if (timer.Cancelable.IsCancellationRequested) continue;
                _firing = key.Due;
            }

            try
            {
                timer.Action();
            }
            finally
            {
                lock (_lock) _firing = null;
            }
        }
    }

    private sealed class Timer(Action action, Cancelable cancelable)
    {
        public Action Action { get; } = action;

        public Cancelable Cancelable { get; } = cancelable;
    }
}

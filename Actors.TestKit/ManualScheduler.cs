using ActorEcho.Kernel;

namespace ActorEcho.TestKit;

/// <summary>
/// A scheduler whose clock moves only in <see cref="Advance"/>: timers fire in deadline order, each with the
/// clock set to its own deadline, so timer logic is tested exactly and without waiting. Thread-safe.
/// </summary>
public sealed class ManualScheduler : IScheduler
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<ManualTimer, (TimeSpan Due, long Order)> _timers = new();
    private readonly DateTimeOffset _start;
    private TimeSpan _elapsed;
    private long _order;

    public ManualScheduler(DateTimeOffset? start = null)
    {
        _start = start ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public DateTimeOffset Now => _start + Elapsed;

    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock) return _elapsed;
        }
    }

    /// <summary>Timers not yet fired nor cancelled.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock) return _timers.UnorderedItems.Count(t => !t.Element.IsCancellationRequested);
        }
    }

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Add(new ManualTimer(() => receiver.Tell(message, sender), TimeSpan.Zero), delay);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A repeating interval must be positive.");
        return Add(new ManualTimer(() => receiver.Tell(message, sender), interval), initialDelay);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Add(new ManualTimer(action, TimeSpan.Zero), delay);

    /// <summary>Moves the clock forward, firing every timer due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        TimeSpan target;
        lock (_lock) target = _elapsed + by;
        while (true)
        {
            ManualTimer timer;
            lock (_lock)
            {
                if (!_timers.TryPeek(out timer!, out var key) || key.Due > target)
                {
                    _elapsed = target;
                    return;
                }

                _timers.Dequeue();
                _elapsed = key.Due;
                if (timer.IsCancellationRequested) continue;
                if (timer.Interval > TimeSpan.Zero) _timers.Enqueue(timer, (key.Due + timer.Interval, _order++));
            }

            timer.Action(); // outside the lock: the action may schedule again
        }
    }

    private ManualTimer Add(ManualTimer timer, TimeSpan delay)
    {
        lock (_lock) _timers.Enqueue(timer, (_elapsed + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), _order++));
        return timer;
    }

    private sealed class ManualTimer(Action action, TimeSpan interval) : ICancelable
    {
        private int _cancelled;

        public Action Action { get; } = action;

        public TimeSpan Interval { get; } = interval;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);
    }
}

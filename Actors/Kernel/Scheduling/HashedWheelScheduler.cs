using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// A hashed timer wheel (as in Netty and Akka): one thread advances a wheel of slots every tick and fires the
/// timers of the slot it reaches. Adding and cancelling are O(1) and allocate one small object, so connections
/// can each hold an idle timer without a thread-pool timer apiece. Precision is one tick.
/// </summary>
internal sealed class HashedWheelScheduler : IScheduler, IDisposable
{
    private readonly long _tickTicks; // in Stopwatch ticks
    private readonly WheelTimer?[] _wheel;
    private readonly int _mask;
    private readonly ConcurrentQueue<WheelTimer> _incoming = new();
    private readonly AutoResetEvent _wakeUp = new(false);
    private readonly ILogger _log;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private readonly Thread _worker;
    private volatile bool _disposed;
    private long _currentTick;
    private int _pending; // timers in the wheel, so the worker can sleep when there are none

    public HashedWheelScheduler(TimeSpan tickDuration, int ticksPerWheel, ILogger log)
    {
        if (tickDuration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(tickDuration));
        if (ticksPerWheel <= 0 || (ticksPerWheel & (ticksPerWheel - 1)) != 0)
            throw new ArgumentException($"ticks-per-wheel must be a power of two, got {ticksPerWheel}.", nameof(ticksPerWheel));
        _tickTicks = Math.Max(1, (long)(tickDuration.TotalSeconds * Stopwatch.Frequency));
        _wheel = new WheelTimer?[ticksPerWheel];
        _mask = ticksPerWheel - 1;
        _log = log;
        _worker = new Thread(Run) { IsBackground = true, Name = "actor-scheduler" };
        _worker.Start();
    }

    public DateTimeOffset Now => _startTime + Elapsed;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Add(new WheelTimer(receiver, message, sender, null, Timeout.InfiniteTimeSpan), delay);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A repeating interval must be positive.");
        return Add(new WheelTimer(receiver, message, sender, null, interval), initialDelay);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) =>
        Add(new WheelTimer(null, null, null, action, Timeout.InfiniteTimeSpan), delay);

    private WheelTimer Add(WheelTimer timer, TimeSpan delay)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        timer.Deadline = Stopwatch.GetTimestamp() - _startTimestamp + Math.Max(0, (long)(delay.TotalSeconds * Stopwatch.Frequency));
        _incoming.Enqueue(timer);
        if (Volatile.Read(ref _pending) == 0) _wakeUp.Set();
        return timer;
    }

    private void Run()
    {
        while (!_disposed)
        {
            if (Volatile.Read(ref _pending) == 0 && _incoming.IsEmpty)
            {
                _wakeUp.WaitOne();
                // Time passed while asleep: restart counting ticks from now rather than replaying empty ones.
                _currentTick = Math.Max(_currentTick, (Stopwatch.GetTimestamp() - _startTimestamp) / _tickTicks);
                continue;
            }

            var tickEnd = (_currentTick + 1) * _tickTicks;
            var sleepTicks = tickEnd - (Stopwatch.GetTimestamp() - _startTimestamp);
            if (sleepTicks > 0) _wakeUp.WaitOne(TimeSpan.FromSeconds((double)sleepTicks / Stopwatch.Frequency));
            if (Stopwatch.GetTimestamp() - _startTimestamp < tickEnd) continue; // woken early by a new timer

            TransferIncoming();
            ExpireSlot(_currentTick);
            _currentTick++;
        }
    }

    private void TransferIncoming()
    {
        while (_incoming.TryDequeue(out var timer))
        {
            if (timer.IsCancellationRequested) continue;
            // A timer fires on the first tick boundary at or after its deadline, never earlier.
            var dueTick = Math.Max(_currentTick, (timer.Deadline + _tickTicks - 1) / _tickTicks - 1);
            timer.RemainingRounds = (dueTick - _currentTick) / _wheel.Length;
            var slot = (int)(dueTick & _mask);
            timer.Next = _wheel[slot];
            _wheel[slot] = timer;
            Interlocked.Increment(ref _pending);
        }
    }

    private void ExpireSlot(long tick)
    {
        var slot = (int)(tick & _mask);
        WheelTimer? kept = null;
        var timer = _wheel[slot];
        _wheel[slot] = null;
        while (timer is not null)
        {
            var next = timer.Next;
            if (timer.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _pending);
            }
            else if (timer.RemainingRounds > 0)
            {
                timer.RemainingRounds--;
                timer.Next = kept;
                kept = timer;
            }
            else
            {
                Interlocked.Decrement(ref _pending);
                Fire(timer);
            }

            timer = next;
        }

        _wheel[slot] = kept;
    }

    private void Fire(WheelTimer timer)
    {
        try
        {
            if (timer.Action is { } action)
                ThreadPool.UnsafeQueueUserWorkItem(static a => RunAction(a.action, a.log), (action, log: _log), preferLocal: false);
            else
                timer.Receiver!.Tell(timer.Message!, timer.Sender);
        }
        catch (Exception exception)
        {
            _log.LogError(KernelEvents.SchedulerCallbackFailed, exception, "A scheduled callback failed: {Message}", exception.Message);
        }

        if (timer.Interval > TimeSpan.Zero && !timer.IsCancellationRequested)
        {
            timer.Deadline += (long)(timer.Interval.TotalSeconds * Stopwatch.Frequency);
            _incoming.Enqueue(timer);
        }
    }

    private static void RunAction(Action action, ILogger log)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            log.LogError(KernelEvents.SchedulerCallbackFailed, exception, "A scheduled action failed: {Message}", exception.Message);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _wakeUp.Set();
        _worker.Join();
        _wakeUp.Dispose();
    }

    private sealed class WheelTimer(IActorRef? receiver, object? message, IActorRef? sender, Action? action, TimeSpan interval)
        : ICancelable
    {
        private int _cancelled;
        public long Deadline;
        public long RemainingRounds;
        public WheelTimer? Next;

        public IActorRef? Receiver { get; } = receiver;
        public object? Message { get; } = message;
        public IActorRef? Sender { get; } = sender;
        public Action? Action { get; } = action;
        public TimeSpan Interval { get; } = interval;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);
    }
}

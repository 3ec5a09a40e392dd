using Akka.Actor;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Counts bytes one direction of a connection moves and says when to throttle it. A window opens with the
/// first byte after a quiet spell, so an idle connection holds no timer. As soon as a window's count passes
/// its share, <c>throttle</c> is called; when the window closes, the pause is stretched until the average
/// since the window opened is back at the limit (30 bytes at 10 bytes/s in a 1 s window: 2 s more), then
/// <c>unthrottle</c> is called. Everything runs on the owner's turn.
/// </summary>
internal sealed class BandwidthMeter
{
    private readonly Func<IClock> _clock;
    private readonly double _bytesPerWindow;
    private readonly TimeSpan _window;
    private readonly Action _throttle;
    private readonly Action _unthrottle;
    private long _count;
    private bool _windowOpen;
    private ICancelable? _windowTimer;
    private ICancelable? _resumeTimer;
    private TimeSpan _resumeAt;
    private bool _stopped;

    public BandwidthMeter(Func<IClock> clock, long bytesPerSecond, TimeSpan window, Action throttle, Action unthrottle)
    {
        _clock = clock;
        _bytesPerWindow = bytesPerSecond * window.TotalSeconds;
        _window = window;
        _throttle = throttle;
        _unthrottle = unthrottle;
    }

    public bool Throttled { get; private set; }

    public void Record(long bytes)
    {
        if (_stopped || bytes <= 0) return;
        if (!_windowOpen)
        {
            _windowOpen = true;
            _windowTimer = _clock().ScheduleOnce(_window, CloseWindow);
        }

        _count += bytes;
        if (_count > _bytesPerWindow) Throttle();
    }

    /// <summary>Cancels the timers; nothing is throttled or unthrottled afterwards.</summary>
    public void Stop()
    {
        _stopped = true;
        _windowTimer?.Cancel();
        _resumeTimer?.Cancel();
    }

    private void CloseWindow()
    {
        if (_stopped) return;
        var count = _count;
        _count = 0;
        _windowOpen = false;
        _windowTimer = null;
        if (count <= _bytesPerWindow) return;

        // The window moved count bytes; at the limit that takes count / bytesPerWindow windows, one of which
        // has already passed.
        var now = _clock().Elapsed;
        var pause = _window * (count / _bytesPerWindow - 1);
        Throttle();
        ResumeAt(now + pause);
    }

    private void Throttle()
    {
        if (Throttled) return;
        Throttled = true;
        _throttle();
    }

    private void ResumeAt(TimeSpan at)
    {
        // A later window may stretch a pause that is still running; it never shortens one.
        if (_resumeTimer is not null && at <= _resumeAt) return;
        _resumeAt = at;
        _resumeTimer?.Cancel();
        _resumeTimer = _clock().ScheduleOnce(at - _clock().Elapsed, OnResumeTimer);
    }

    private void OnResumeTimer()
    {
        if (_stopped) return;
        _resumeTimer = null;
        // Bytes that still arrived during the pause (already in flight, or writes without a producer) may
        // have overrun the current window; its close decides the next pause.
        if (_windowOpen && _count > _bytesPerWindow) return;
        Throttled = false;
        _unthrottle();
    }
}

using Akka.Actor;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Closes a connection that stays quiet too long (Twisted's TimeoutMixin, as a component a protocol owns
/// because C# has no mixins). The owner calls <see cref="SetTimeout"/> (usually in ConnectionMade),
/// <see cref="ResetTimeout"/> whenever there is traffic, and <see cref="Cancel"/> in ConnectionLost. Timers run
/// on the owner's <see cref="Protocol.Clock"/>, so every call, the timeout callback included, happens on the
/// connection's turn.
/// </summary>
/// <remarks>
/// A reset only moves <see cref="Deadline"/>; the timer notices the move when it fires and sleeps again for
/// the rest. So traffic costs no timer allocation, whatever the chunk rate.
/// </remarks>
public sealed class IdleTimeout
{
    private readonly Protocol _owner;
    private readonly Action _timeoutConnection;
    private ICancelable? _timer;
    private TimeSpan _timerDue;
    private TimeSpan _deadline;

    // Set when the default callback has closed the connection, so a timeout set again on a connection that
    // is still draining its writes neither logs nor closes a second time.
    private bool _closedByTimeout;

    /// <param name="owner">The protocol whose clock and transport are used.</param>
    /// <param name="timeoutConnection">
    /// Called when the timeout expires; by default the connection is closed with LoseConnection and the
    /// timeout logged once (see <see cref="CloseIdleConnection"/>).
    /// </param>
    public IdleTimeout(Protocol owner, Action? timeoutConnection = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        _owner = owner;
        _timeoutConnection = timeoutConnection ?? CloseIdleConnection;
    }

    /// <summary>The current period of silence allowed, or null when disabled.</summary>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>
    /// When the connection times out unless there is traffic first, measured on the owner's
    /// <see cref="IClock.Elapsed"/>; null when no timeout is pending (disabled, cancelled or already fired).
    /// </summary>
    public TimeSpan? Deadline => _timer is null ? null : _deadline;

    /// <summary>
    /// Sets the allowed silence, counted from now, and returns the previous setting; null disables the timeout.
    /// Needs the owner's clock, so call it from ConnectionMade or later.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public TimeSpan? SetTimeout(TimeSpan? timeout)
    {
        if (timeout is { } period && period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An idle timeout must be positive; use null to disable it.");

        var previous = Timeout;
        Timeout = timeout;
        if (timeout is not { } value)
        {
            StopTimer();
            return previous;
        }

        _deadline = _owner.Clock.Elapsed + value;
        // A pending timer due before the new deadline will notice and sleep again; one due after it must go.
        if (_timer is not null && _timerDue > _deadline) StopTimer();
        if (_timer is null) Arm(value);
        return previous;
    }

    /// <summary>Restarts the countdown from now; does nothing when no timeout is pending. Call it on traffic.</summary>
    public void ResetTimeout()
    {
        if (_timer is null || Timeout is not { } period) return;
        _deadline = _owner.Clock.Elapsed + period;
    }

    /// <summary>Disables the timeout, as <c>SetTimeout(null)</c> does.</summary>
    public void Cancel() => SetTimeout(null);

    /// <summary>
    /// The default timeout callback: logs the timeout and calls LoseConnection on the owner's transport, once;
    /// it does nothing when the connection is already closing.
    /// </summary>
    public void CloseIdleConnection()
    {
        var transport = _owner.Transport;
        if (_closedByTimeout || transport.Disconnecting) return;
        _closedByTimeout = true;
        PolicyLog.IdleTimeout(_owner.Logger, transport.GetPeer(), Timeout ?? TimeSpan.Zero);
        transport.LoseConnection();
    }

    private void Arm(TimeSpan delay)
    {
        _timerDue = _owner.Clock.Elapsed + delay;
        ICancelable? timer = null;
        // The callback checks that it is still the current timer: a real scheduler may already have queued a
        // timer that was cancelled later on the same turn.
        timer = _owner.Clock.ScheduleOnce(delay, () => OnTimer(timer));
        _timer = timer;
    }

    private void OnTimer(ICancelable? firing)
    {
        if (firing is null || !ReferenceEquals(firing, _timer)) return;
        var now = _owner.Clock.Elapsed;
        if (now < _deadline)
        {
            Arm(_deadline - now);
            return;
        }

        _timer = null;
        _timeoutConnection();
    }

    private void StopTimer()
    {
        _timer?.Cancel();
        _timer = null;
    }
}

namespace ActorEcho.Kernel;

/// <summary>The receive timeout: rescheduled after every message that does not opt out of it.</summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero ? t : null;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (_receiveTimeout is null && _receiveTimeoutTask is null) return;
        CancelReceiveTimeout();
        if (_receiveTimeout is { } timeout && _state == StateRunning)
            _receiveTimeoutTask = _system.Scheduler.ScheduleTellOnce(timeout, this, Kernel.ReceiveTimeout.Instance, null);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }
}

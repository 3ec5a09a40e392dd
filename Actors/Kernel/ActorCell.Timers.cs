namespace ActorEcho.Kernel;

/// <summary>The receive timeout: rescheduled after every message that does not opt out of it.</summary>
internal sealed partial class ActorCell
{

    public TimeSpan? ReceiveTimeout => ReceiveTimeoutSetting;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        ReceiveTimeoutSetting = timeout is { } t && t > TimeSpan.Zero ? t : null;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (ReceiveTimeoutSetting is null && ReceiveTimeoutTask is null) return;
        CancelReceiveTimeout();
        if (ReceiveTimeoutSetting is { } timeout && _state == StateRunning)
            ReceiveTimeoutTask = _system.Scheduler.ScheduleTellOnce(timeout, this, Kernel.ReceiveTimeout.Instance, null);
    }

    private void CancelReceiveTimeout()
    {
        ReceiveTimeoutTask?.Cancel();
        ReceiveTimeoutTask = null;
    }
}

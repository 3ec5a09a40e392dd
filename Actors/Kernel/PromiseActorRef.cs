namespace ActorEcho.Kernel;

/// <summary>
/// A one-shot reference that completes a task with the first message (or death-watch notification) it gets.
/// Ask and GracefulStop hand it out as the sender or the watcher.
/// </summary>
internal sealed class PromiseActorRef(ActorPath path) : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActorPath Path { get; } = path;

    public Task<object> Task => _promise.Task;

    public bool IsTerminated => _promise.Task.IsCompleted;

    public void Tell(object message, IActorRef? sender) => _promise.TrySetResult(message);

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification) _promise.TrySetResult(new Terminated(notification.Actor));
    }

    public void Fail(Exception exception) => _promise.TrySetException(exception);

    public override string ToString() => Path.ToString();
}

using System.Runtime.ExceptionServices;

namespace ActorEcho.Kernel;

internal sealed class HandlerSet
{
    private Handler[] _handlers = [];

    public void Add(Handler handler)
    {
        var grown = new Handler[_handlers.Length + 1];
        _handlers.CopyTo(grown, 0);
        grown[^1] = handler;
        _handlers = grown;
    }

    public bool TryHandle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler.TryHandle(message)) return true;
        }

        return false;
    }
}

internal abstract class Handler
{
    public abstract bool TryHandle(object message);
}

internal sealed class SyncHandler<T>(Action<T> action, Predicate<T>? shouldHandle) : Handler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        action(typed);
        return true;
    }
}

internal sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
{
    public override bool TryHandle(object message) => message is T typed && handler(typed);
}

internal sealed class AsyncHandler<T>(ActorCell cell, Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;

        // Continuations of the handler's awaits are posted back to this actor's mailbox.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(cell.SynchronizationContext);
        Task task;
        try
        {
            task = handler(typed);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompletedSuccessfully) return true;
        if (task.IsFaulted) ExceptionDispatchInfo.Throw(task.Exception!.InnerException ?? task.Exception);
        cell.AwaitAsyncHandler(task);
        return true;
    }
}

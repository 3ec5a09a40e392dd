namespace ActorEcho.Kernel;

/// <summary>
/// Messages the kernel sends to a cell; they are processed before user messages and even while the actor
/// is suspended. Each instance is queued once: <see cref="Next"/> links it into the cell's intrusive stack,
/// which is why a system message never allocates a queue node.
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;
}

/// <summary>Makes the actor; <see cref="Argument"/> is the spawn argument of FromArgument props, dropped once used.</summary>
internal sealed class Create(object? argument = null) : SystemMessage
{
    public object? Argument { get; } = argument;
}

internal sealed class Terminate : SystemMessage;

/// <summary>The supervisor decided to restart the cell after <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>The supervisor decided the cell carries on with its state; the failing message is dropped.</summary>
internal sealed class Resume : SystemMessage;

/// <summary>A child reports that it failed and is suspended until its supervisor decides.</summary>
internal sealed class Failed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}

internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Tells a watcher that <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IInternalActorRef actor) : SystemMessage
{
    public IInternalActorRef Actor { get; } = actor;
}

/// <summary>Tells a parent that its child has stopped, so the name is free and the parent may finish stopping.</summary>
internal sealed class ChildTerminated(ActorCell child) : SystemMessage
{
    public ActorCell Child { get; } = child;
}

/// <summary>A continuation of an async handler, run on the actor's turn.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}

/// <summary>The task of an async handler finished: user messages may flow again.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}

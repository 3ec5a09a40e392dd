namespace ActorEcho.Kernel;

/// <summary>Request-reply with actors from code that is not an actor, and the way back with PipeTo.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns its first reply. A
    /// <see cref="Status.Failure"/> reply faults the task with its cause; no reply within the timeout (the
    /// system's ask-timeout when none is given) faults it with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef actor, object message, TimeSpan? timeout = null) =>
        Ask<T>(actor, message, timeout, CancellationToken.None);

    /// <summary>Like the timeout form, but gives up when <paramref name="cancellation"/> fires.</summary>
    public static Task<T> Ask<T>(this IActorRef actor, object message, CancellationToken cancellation) =>
        Ask<T>(actor, message, Timeout.InfiniteTimeSpan, cancellation);

    public static Task<object> Ask(this IActorRef actor, object message, TimeSpan? timeout = null) =>
        Ask<object>(actor, message, timeout, CancellationToken.None);

    private static async Task<T> Ask<T>(IActorRef actor, object message, TimeSpan? timeout, CancellationToken cancellation)
    {
        var system = (actor as ActorCell)?.System;
        var limit = timeout ?? system?.Settings.AskTimeout
            ?? throw new ArgumentException($"Ask to {actor.Path} needs an explicit timeout.", nameof(timeout));
        if (actor is IInternalActorRef { IsTerminated: true })
            throw new AskTimeoutException($"Ask to {actor.Path} failed: the recipient had already stopped.");

        var promise = new PromiseActorRef(system?.NewTempPath() ?? actor.Path / "$ask");
        using var timer = limit == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(limit);
        using var onTimeout = timer?.Token.Register(() =>
            promise.Fail(new AskTimeoutException($"Ask to {actor.Path} timed out after {limit.TotalMilliseconds:0} ms waiting for a reply to {message.GetType().Name}.")));
        using var onCancel = cancellation.Register(() => promise.Fail(new TaskCanceledException($"Ask to {actor.Path} was cancelled.")));

        actor.Tell(message, promise);
        var reply = await promise.Task.ConfigureAwait(false);
        return reply switch
        {
            Status.Failure failure => throw failure.Cause,
            Status.Success { Value: T value } => value,
            T typed => typed,
            _ => throw new InvalidCastException(
                $"Ask to {actor.Path} expected a reply of type {typeof(T).Name}, got {reply.GetType().Name}."),
        };
    }

    /// <summary>
    /// When the task completes, tells <paramref name="recipient"/> its result, or <see cref="Status.Failure"/>
    /// with the exception. The way for an actor to use a task without blocking its turn.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
                return;
            }

            Exception cause = t.IsCanceled ? new TaskCanceledException(t) : t.Exception!.InnerException ?? t.Exception!;
            recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Sends <see cref="PoisonPill"/> and completes with true once the actor has stopped, or false when it has not
    /// stopped within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef actor, TimeSpan timeout)
    {
        if (actor is not IInternalActorRef target) throw new ArgumentException($"{actor.Path} cannot be watched.", nameof(actor));
        var system = (actor as ActorCell)?.System;
        var watcher = new PromiseActorRef(system?.NewTempPath() ?? actor.Path / "$stop");
        target.SendSystemMessage(new Watch(target, watcher));
        actor.Tell(PoisonPill.Instance, null);
        var finished = await Task.WhenAny(watcher.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished == watcher.Task) return true;
        target.SendSystemMessage(new Unwatch(target, watcher));
        return false;
    }
}

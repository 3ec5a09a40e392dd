using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// Creation, failure, restart and stop. A failing actor is suspended (user messages wait, system messages
/// still flow) until its supervisor answers with Resume, Recreate or Terminate. Stopping first stops every
/// child and waits for each ChildTerminated, so children always stop before their parent's PostStop.
/// </summary>
internal sealed partial class ActorCell
{
    private const byte StateCreating = 0;
    private const byte StateRunning = 1;
    private const byte StateTerminating = 2;
    private const byte StateTerminated = 3;

    private byte _state;
    private bool _failed;

    public bool IsTerminated => Volatile.Read(ref _state) == StateTerminated;

    /// <summary>False for an actor made from a spawn argument, which the cell did not keep: a supervisor stops it instead.</summary>
    internal bool CanBeRecreated => !_props.NeedsArgument;

    private bool CanProcessUserMessages =>
        _state == StateRunning && !_failed && AwaitedHandler is null && PendingRecreateCause is null;

    private void Invoke(Envelope envelope)
    {
        _currentMessage = envelope.Message;
        _currentSender = envelope.Sender;
        try
        {
            switch (envelope.Message)
            {
                case PoisonPill:
                    Stop(this);
                    break;
                case Kill:
                    throw new ActorKilledException($"{Path} was killed.");
                case DeathWatchDelivery delivery:
                    DeliverTermination(delivery);
                    break;
                default:
                    ReceiveMessage(envelope.Message);
                    break;
            }

            if (envelope.Message is not INotInfluenceReceiveTimeout) RestartReceiveTimeout();
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            // An async handler keeps its sender until it completes: no other message runs meanwhile.
            if (AwaitedHandler is null)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        if (IsTerminated)
        {
            // A dead cell still answers Watch, so watching an already stopped actor yields Terminated at once.
            if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
            return;
        }

        try
        {
            switch (message)
            {
                case Create create: HandleCreate(create.Argument); break;
                case Terminate: HandleTerminate(); break;
                case Recreate recreate: HandleRecreate(recreate.Cause); break;
                case Resume: _failed = false; FailedMessage = null; break;
                case Failed failed: HandleChildFailed(failed); break;
                case ChildTerminated child: HandleChildTerminated(child.Child); break;
                case Watch watch: AddWatcher(watch.Watcher); break;
                case Unwatch unwatch: RemoveWatcher(unwatch.Watcher); break;
                case DeathWatchNotification notification: HandleDeathWatchNotification(notification.Actor); break;
                case RunContinuation continuation: RunAsyncContinuation(continuation); break;
                case AsyncHandlerCompleted completed: HandleAsyncHandlerCompleted(completed.Task); break;
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
    }

    private void HandleCreate(object? argument)
    {
        try
        {
            _actor = NewActor(argument);
            _state = StateRunning;
            _actor.InvokePreStart();
        }
        catch (Exception exception)
        {
            _state = StateRunning;
            HandleInvokeFailure(new ActorInitializationException(Path, exception));
        }
    }

    /// <summary>Suspends this actor and asks its supervisor what to do; the root has none and stops.</summary>
    internal void HandleInvokeFailure(Exception cause)
    {
        if (_state >= StateTerminating)
        {
            Log.LogError(KernelEvents.ActorFailed, cause, "Failed while stopping: {Message}", cause.Message);
            return;
        }

        _failed = true;
        FailedMessage = _currentMessage;
        if (_parent is null)
        {
            Log.LogError(KernelEvents.ActorFailed, cause, "The root actor failed: {Message}; stopping", cause.Message);
            HandleTerminate();
            return;
        }

        _parent.SendSystemMessage(new Failed(this, cause));
    }

    private void HandleChildFailed(Failed failed)
    {
        if (!IsCurrentChild(failed.Child)) return; // already stopped or replaced
        var strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        strategy.HandleFailure(this, failed.Child, failed.Cause);
    }

    private void HandleRecreate(Exception cause)
    {
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePreRestart(cause, FailedMessage);
            }
            catch (Exception exception)
            {
                Log.LogError(KernelEvents.LifecycleHookFailed, exception, "PreRestart threw: {Message}", exception.Message);
            }
        }

        Behavior = null;
        StackedBehaviors = null;
        CancelReceiveTimeout();
        UnstashAllForRestart();
        if (HasLiveChildren)
        {
            PendingRecreateCause = cause; // finished when the last child reports ChildTerminated
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        PendingRecreateCause = null;
        FailedMessage = null;
        _currentMessage = null;
        _currentSender = null;
        _actor = null;
        try
        {
            _actor = NewActor(null);
            _failed = false;
            _actor.InvokePostRestart(cause);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(Path, exception));
        }
    }

    private void HandleTerminate()
    {
        if (_state >= StateTerminating) return;
        _state = StateTerminating;
        CancelReceiveTimeout();
        foreach (var child in ChildCells()) StopChild(child);
        if (!HasLiveChildren) FinishTerminate();
    }

    private void HandleChildTerminated(ActorCell child)
    {
        if (IsCurrentChild(child)) HandleDeathWatchNotification(child); // a watched child sends no notification of its own
        RemoveChild(child);
        if (HasLiveChildren) return;
        if (_state == StateTerminating) FinishTerminate();
        else if (PendingRecreateCause is { } cause) FinishRecreate(cause);
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.InvokePostStop();
        }
        catch (Exception exception)
        {
            Log.LogError(KernelEvents.LifecycleHookFailed, exception, "PostStop threw: {Message}", exception.Message);
        }

        _actor = null;
        Behavior = null;
        StackedBehaviors = null;
        _currentMessage = null;
        _currentSender = null;
        Volatile.Write(ref _state, StateTerminated);
        StashToDeadLetters();
        NotifyWatchersAndUnwatchAll();
        if (_parent is not null) _parent.SendSystemMessage(new ChildTerminated(this));
        else _system.OnRootTerminated();
    }

    internal void AwaitAsyncHandler(Task task)
    {
        AwaitedHandler = task;
        task.ContinueWith(
            static (completed, state) => ((ActorCell)state!).SendSystemMessage(new AsyncHandlerCompleted(completed)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleAsyncHandlerCompleted(Task task)
    {
        if (!ReferenceEquals(task, AwaitedHandler)) return;
        AwaitedHandler = null;
        _currentMessage = null;
        _currentSender = null;
        if (task.IsFaulted) HandleInvokeFailure(task.Exception!.InnerException ?? task.Exception);
        else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task));
    }

    private void RunAsyncContinuation(RunContinuation continuation)
    {
        if (_state >= StateTerminating) return; // the actor is gone; its half-finished handler is abandoned
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}

namespace ActorEcho.Kernel;

/// <summary>
/// The base of every actor. An actor is only ever run by one thread at a time and sees its messages one by
/// one, so its fields need no locks. Instances are made by the kernel from <see cref="Props"/>, never with
/// <c>new</c> directly.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
                ?? throw new InvalidOperationException(
                    $"{GetType().Name} must be created through ActorOf(Props), not with new.");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell;

    /// <summary>The sender of the current message; the dead-letter reference when there is none.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles one message; returns false when it was not handled.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called on the actor's first turn, before any message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called after the actor stopped and after all its children stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before a restart. By default stops all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart. By default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for a message no handler took. An unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.CurrentSender, _cell));
    }

    /// <summary>How this actor supervises its children. By default <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    internal ActorCell Cell => _cell;

    // The kernel's entry points: the hooks above stay protected, so users override them with plain `protected`.
    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    /// <summary>
    /// Called once at the end of each turn (a batch of up to <c>throughput</c> messages). The IO layer uses it
    /// to send everything written during the turn in one gathered send.
    /// </summary>
    internal virtual void AroundTurnEnd()
    {
    }
}

/// <summary>An actor with a single receive method, for the fastest dispatch.</summary>
public abstract class UntypedActor : ActorBase
{
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Handles every message; call <see cref="ActorBase.Unhandled"/> for one you do not want.</summary>
    protected abstract void OnReceive(object message);
}

namespace ActorEcho.Kernel;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered with <c>Receive&lt;T&gt;</c>, tried in
/// registration order. <see cref="Become"/> swaps the whole list for one built by its callback.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerSet _initial = new();
    private HandlerSet? _configuring;

    protected ReceiveActor()
    {
        _configuring = _initial;
    }

    protected sealed override bool Receive(object message) => _initial.TryHandle(message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Configuring.Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles a <typeparamref name="T"/> only when <paramref name="shouldHandle"/> accepts it.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Configuring.Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>A handler that returns false leaves the message unhandled.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Configuring.Add(new FuncHandler<T>(handler));

    /// <summary>
    /// An async handler: until its task completes the actor takes no other message, and its awaits resume on
    /// the actor's turn, so the actor's fields stay safe after <c>await</c>.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Configuring.Add(new AsyncHandler<T>(Cell, handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) => Configuring.Add(new SyncHandler<object>(handler, null));

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).TryHandle);

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).TryHandle);

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private HandlerSet Configuring => _configuring ?? _initial;

    private HandlerSet Build(Action configure)
    {
        var set = new HandlerSet();
        var previous = _configuring;
        _configuring = set;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return set;
    }
}

using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// One actor's home: its reference, its mailbox, its context and its place in the tree, in one object so
/// an idle actor costs little memory. The cell is also the thread-pool work item that runs the actor.
/// Everything that is not marked as thread-safe is touched only on the actor's turn.
/// </summary>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext
{
    [ThreadStatic] private static ActorCell? _constructing;

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly ActorCell? _parent;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;

    // A named cell's path is made with it; a generated child's only when asked for (its name is its number).
    private ActorPath? _path;
    private readonly long _generatedNumber;

    /// <summary>A cell with a name of its own: the root, a guardian, a child given a name.</summary>
    public ActorCell(ActorSystem system, Props props, ActorCell? parent, ActorPath path)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _path = path;
    }

    /// <summary>A child named by its parent's counter (<see cref="GeneratedNames"/>).</summary>
    public ActorCell(ActorSystem system, Props props, ActorCell parent, long generatedNumber)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _generatedNumber = generatedNumber;
    }

    /// <summary>The cell whose actor is being constructed on this thread; read by the ActorBase constructor.</summary>
    internal static ActorCell? Constructing => _constructing;

    public ActorPath Path => Volatile.Read(ref _path) ?? MakeGeneratedPath();

    /// <summary>The number in a generated name; null for a cell with a name of its own.</summary>
    internal long? GeneratedNumber => _generatedNumber != 0 ? _generatedNumber : null;

    /// <summary>Paths are equal by value, so two threads that race here may each make one; the first is kept.</summary>
    private ActorPath MakeGeneratedPath()
    {
        var made = _parent!.Path / GeneratedNames.Format(_generatedNumber);
        return Interlocked.CompareExchange(ref _path, made, null) ?? made;
    }

    public ActorSystem System => _system;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    internal IActorRef? CurrentSender => _currentSender;

    public IActorRef Parent => (IActorRef?)_parent ?? ActorRefs.Nobody;

    /// <summary>Kept on the child and used only on the parent's turn.</summary>
    internal RestartStatistics? RestartStatistics
    {
        get => _extras?.RestartStatistics;
        set => Extras.RestartStatistics = value;
    }

    public ILogger Log => LogCache ??= new ActorLogger(_system.LoggerFactory.CreateLogger(_props.ActorType.FullName ?? "Actor"), Path);

    internal SynchronizationContext SynchronizationContext => SyncContextCache ??= new ActorSynchronizationContext(this);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsTerminated)
        {
            _system.DeadLetters.Tell(new DeadLetter(message, sender, this), sender);
            return;
        }

        EnqueueUser(new Envelope(message, sender));
    }

    public void Become(Func<object, bool> receive) => Behavior = receive;

    public void BecomeStacked(Func<object, bool> receive)
    {
        if (Behavior is { } current) (StackedBehaviors ??= new Stack<Func<object, bool>>()).Push(current);
        Behavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (Behavior is null) return;
        Behavior = StackedBehaviors is { Count: > 0 } below ? below.Pop() : null;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef internalRef) internalRef.SendSystemMessage(new Terminate());
    }

    /// <summary>Runs the actor's handler for one message; unhandled ones go to <see cref="ActorBase.Unhandled"/>.</summary>
    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = Behavior is { } behavior ? behavior(message) : actor.InvokeReceive(message);
        if (!handled) actor.InvokeUnhandled(message);
    }

    private ActorBase NewActor(object? argument)
    {
        var previous = _constructing;
        _constructing = this;
        try
        {
            var actor = _props.NewActor(argument);
            if (actor is IWithStash withStash) withStash.Stash = new CellStash(this);
            return actor;
        }
        finally
        {
            _constructing = previous;
        }
    }

    public override string ToString() => Path.ToString();
}

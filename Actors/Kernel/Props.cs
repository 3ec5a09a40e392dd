namespace ActorEcho.Kernel;

/// <summary>
/// A recipe for an actor: how to construct it (again, on restart) and how to supervise its children.
/// Props are immutable and may be shared by any number of actors.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase>? _factory;
    private readonly Func<object, ActorBase>? _fromArgument;

    private Props(Func<ActorBase>? factory, Func<object, ActorBase>? fromArgument, Type actorType, SupervisorStrategy? strategy)
    {
        _factory = factory;
        _fromArgument = fromArgument;
        ActorType = actorType;
        SupervisorStrategy = strategy;
    }

    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? strategy)
        : this(factory, null, actorType, strategy)
    {
    }

    public Type ActorType { get; }

    /// <summary>Overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/> when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>
    /// Props from a factory such as <c>() => new Greeter("hi")</c>; it runs on the actor's first turn and again
    /// on every restart, so it must make a new instance each time.
    /// </summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(factory, typeof(TActor), null);

    /// <summary>Props for a type with a public parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(() => new TActor(), typeof(TActor), null);

    /// <summary>Props for a type and constructor arguments, matched when the actor is created.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        if (!typeof(ActorBase).IsAssignableFrom(actorType))
            throw new ArgumentException($"{actorType} does not derive from {nameof(ActorBase)}.", nameof(actorType));
        return new Props(() => (ActorBase)Activator.CreateInstance(actorType, args)!, actorType, null);
    }

    /// <summary>
    /// Props whose actor is made from an argument handed to each spawn (the internal
    /// <c>ActorCell.ActorOf(Props, object)</c>), so one instance serves every spawn: an actor per accepted socket then
    /// carries no recipe of its own (Props, closure and delegate, about 180 bytes each). The cell does not keep the
    /// argument, so such an actor cannot be made again: its supervisor stops it where it would restart it.
    /// </summary>
    internal static Props FromArgument<TActor, TArgument>(Func<TArgument, TActor> factory) where TActor : ActorBase =>
        new(null, argument => factory((TArgument)argument), typeof(TActor), null);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(_factory, _fromArgument, ActorType, strategy);

    /// <summary>True for <see cref="FromArgument{TActor,TArgument}"/> props, whose actors cannot be recreated.</summary>
    internal bool NeedsArgument => _fromArgument is not null;

    internal ActorBase NewActor(object? argument)
    {
        if (_fromArgument is null) return _factory!();
        return _fromArgument(argument ?? throw new InvalidOperationException($"{this} makes its actor from a spawn argument, and none was given."));
    }

    public override string ToString() => $"Props({ActorType.Name})";
}

namespace ActorEcho.Kernel;

/// <summary>
/// A recipe for an actor: how to construct it (again, on restart) and how to supervise its children.
/// Props are immutable and may be shared by any number of actors.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? strategy)
    {
        _factory = factory;
        ActorType = actorType;
        SupervisorStrategy = strategy;
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

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(_factory, ActorType, strategy);

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props({ActorType.Name})";
}

namespace ActorEcho.Kernel;

/// <summary>
/// Children. Creating a child may happen from outside the actor (system.ActorOf on a guardian), so the
/// container is guarded by a lock; it is created on the first child, since most actors never have one.
/// A name stays taken until the parent has processed the child's ChildTerminated.
/// </summary>
internal sealed partial class ActorCell
{
    private ChildContainer? _children;

    public IActorRef ActorOf(Props props, string? name = null) => Spawn(props, name, null);

    /// <summary>A child with a generated name, made from <paramref name="argument"/> by <see cref="Props.FromArgument{TActor,TArgument}"/> props.</summary>
    internal IActorRef ActorOf(Props props, object argument) => Spawn(props, null, argument);

    private ActorCell Spawn(Props props, string? name, object? argument)
    {
        ArgumentNullException.ThrowIfNull(props);
        ActorCell child;
        if (name is null)
        {
            child = new ActorCell(_system, props, this, Interlocked.Increment(ref Extras.NextChildNumber));
        }
        else
        {
            ActorNames.Validate(name, Path);
            child = new ActorCell(_system, props, this, Path / name);
        }

        var container = LazyInitializer.EnsureInitialized(ref _children, () => new ChildContainer());
        lock (container)
        {
            if (!container.TryAdd(child))
                throw new InvalidActorNameException($"Actor name \"{name}\" is not unique under {Path}.");
        }

        child.SendSystemMessage(new Create(argument));
        if (Volatile.Read(ref _state) >= StateTerminating) child.SendSystemMessage(new Terminate());
        return child;
    }

    public IEnumerable<IActorRef> Children => ChildCells();

    public IActorRef? Child(string name)
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return null;
        lock (container) return container.Get(name);
    }

    internal IReadOnlyList<ActorCell> ChildCells()
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return [];
        lock (container) return container.ToArray();
    }

    private bool HasLiveChildren
    {
        get
        {
            var container = Volatile.Read(ref _children);
            if (container is null) return false;
            lock (container) return container.Count > 0;
        }
    }

    private bool IsCurrentChild(ActorCell child)
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return false;
        lock (container) return container.Contains(child);
    }

    internal void StopChild(ActorCell child) => child.SendSystemMessage(new Terminate());

    private void RemoveChild(ActorCell child)
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return;
        lock (container) container.Remove(child);
    }
}

/// <summary>The rules for actor names, shared by ActorOf and the system name.</summary>
internal static class ActorNames
{
    private const string AllowedPunctuation = "-_.*$+:@&=,!~';";

    public static void Validate(string name, ActorPath? parent)
    {
        var where = parent is null ? "" : $" under {parent}";
        if (string.IsNullOrEmpty(name))
            throw new InvalidActorNameException($"Actor name must not be empty{where}.");
        if (name[0] == '$')
            throw new InvalidActorNameException($"Actor name \"{name}\"{where} must not start with '$' (reserved for generated names).");
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c))
                throw new InvalidActorNameException(
                    $"Actor name \"{name}\"{where} contains '{c}'; use ASCII letters, digits and {AllowedPunctuation}.");
        }
    }
}

namespace ActorEcho.Kernel;

/// <summary>An actor name that is empty, malformed, reserved or already taken by a sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);

/// <summary>An actor's constructor or PreStart threw; by default its supervisor stops it.</summary>
public sealed class ActorInitializationException(ActorPath path, Exception cause)
    : Exception($"{path}: the actor failed to start: {cause.Message}", cause)
{
    public ActorPath Path { get; } = path;
}

/// <summary>Thrown in an actor that received a <see cref="Terminated"/> it did not handle: it dies with what it watched.</summary>
public sealed class DeathPactException(IActorRef dead)
    : Exception($"Monitored actor {dead.Path} terminated and the watcher did not handle Terminated.")
{
    public IActorRef DeadActor { get; } = dead;
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>An Ask got no reply within its timeout, or its target was already stopped.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

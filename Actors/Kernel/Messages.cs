namespace ActorEcho.Kernel;

/// <summary>Stops the actor once it is processed: messages queued before it are handled, later ones become dead letters.</summary>
public sealed class PoisonPill
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>; the default supervisor then stops it.</summary>
public sealed class Kill
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}

/// <summary>Delivered to a watcher when the watched actor has stopped, after every message that actor sent it.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>Sent to an actor that received nothing for the duration given to <c>Context.SetReceiveTimeout</c>.</summary>
public sealed class ReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }
}

/// <summary>Marks messages that do not reset the receive timeout (timer ticks, for example).</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Replies for <c>Ask</c>: <see cref="Failure"/> faults the asking task, <see cref="Success"/> completes it.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}

/// <summary>Published on the event stream when a message reaches a stopped actor.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>Published on the event stream when an actor did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

namespace ActorEcho.Kernel;

/// <summary>
/// A handle to an actor. <see cref="Tell"/> never blocks and never throws: a message to an actor that has
/// stopped becomes a <see cref="DeadLetter"/>.
/// </summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/>; messages from one sender to one receiver keep their order.</summary>
    void Tell(object message, IActorRef? sender = null);
}

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>A reference that swallows everything; use it where a reference is required but nobody listens.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    /// <summary>Pass as the sender when there is none; replies to it become dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root("nobody");

        public void Tell(object message, IActorRef? sender = null)
        {
        }

        public override string ToString() => "Nobody";
    }
}

/// <summary>What the kernel needs of a reference beyond Tell: system messages and liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    void SendSystemMessage(SystemMessage message);

    bool IsTerminated { get; }
}

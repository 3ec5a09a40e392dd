namespace ActorEcho.Kernel;

/// <summary>
/// A handle to an actor. <see cref="Tell"/> never blocks and never throws: a message to an actor that has
/// stopped becomes a <see cref="DeadLetter"/>.
/// </summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> with an explicit sender (null for none). Messages from one sender to
    /// one receiver keep their order. The one-argument <see cref="ActorRefImplicitSenderExtensions.Tell"/> fills in
    /// the sender from the surrounding actor.
    /// </summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Tell with an implicit sender, as in Akka.NET.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>
    /// Tells with the implicit sender: <c>Self</c> when called on an actor's turn, the test actor inside a
    /// TestKit test, otherwise no sender.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message) => receiver.Tell(message, ImplicitSender.Current);
}

/// <summary>Who counts as the sender of a one-argument Tell.</summary>
internal static class ImplicitSender
{
    [ThreadStatic] private static IActorRef? _onTurn;

    /// <summary>Set by the TestKit so a test body's Tell has the test actor as sender; flows with async code.</summary>
    internal static readonly AsyncLocal<IActorRef?> Ambient = new();

    public static IActorRef? Current => _onTurn ?? Ambient.Value;

    /// <summary>Marks the current thread as running <paramref name="self"/>'s turn; returns what to restore.</summary>
    public static IActorRef? Enter(IActorRef? self)
    {
        var previous = _onTurn;
        _onTurn = self;
        return previous;
    }
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

        public void Tell(object message, IActorRef? sender)
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

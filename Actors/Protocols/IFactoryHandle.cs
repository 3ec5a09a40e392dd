using Akka.Actor;

namespace ActorEcho.Protocols;

/// <summary>
/// A protocol's way to its factory. The factory's state is touched only on the factory actor's turn, so these
/// are messages: they never block and the protocol never sees the factory's fields directly.
/// </summary>
public interface IFactoryHandle
{
    /// <summary>The factory actor.</summary>
    IActorRef Actor { get; }

    /// <summary>Delivers <paramref name="message"/> to <see cref="Factory.MessageReceived"/>, with this connection as sender.</summary>
    void Tell(object message);

    /// <summary>Writes <paramref name="data"/> to every live connection of the factory except this one (unless asked).</summary>
    void Broadcast(ReadOnlyMemory<byte> data, bool includeSelf = false);
}

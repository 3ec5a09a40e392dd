using ActorEcho.Kernel;

namespace ActorEcho.Protocols.Hosting;

/// <summary>A connection's handle on its factory actor.</summary>
internal sealed class FactoryHandle(IActorRef factoryActor, IActorRef connection) : IFactoryHandle
{
    public IActorRef Actor { get; } = factoryActor;

    public void Tell(object message) => Actor.Tell(new FactoryMessage(message), connection);

    public void Broadcast(ReadOnlyMemory<byte> data, bool includeSelf = false) =>
        Actor.Tell(new FactoryBroadcast(data, includeSelf ? null : connection), connection);
}

/// <summary>A protocol's message for <see cref="Factory.MessageReceived"/>.</summary>
internal sealed record FactoryMessage(object Message);

/// <summary>Write to every connection of the factory but <see cref="Except"/>.</summary>
internal sealed record FactoryBroadcast(ReadOnlyMemory<byte> Data, IActorRef? Except);

using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The protocol's handle on its factory actor (<see cref="Protocol.Factory"/>). The host is that handle itself
/// rather than holding one: it already knows both ends, and a separate object would be one more per connection.
/// </summary>
internal sealed partial class ProtocolHost : IFactoryHandle
{
    public IActorRef Actor => _options.FactoryActor;

    public void Tell(object message) => Actor.Tell(new FactoryMessage(message), _connection.Self);

    public void Broadcast(ReadOnlyMemory<byte> data, bool includeSelf = false) =>
        Actor.Tell(new FactoryBroadcast(data, includeSelf ? null : _connection.Self), _connection.Self);
}

/// <summary>A protocol's message for <see cref="Factory.MessageReceived"/>.</summary>
internal sealed record FactoryMessage(object Message);

/// <summary>Write to every connection of the factory but <see cref="Except"/>.</summary>
internal sealed record FactoryBroadcast(ReadOnlyMemory<byte> Data, IActorRef? Except);

using Akka.Actor;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>Akka.IO's way: every event becomes a <c>Tcp.*</c> message to the registered handler actor.</summary>
internal sealed class HandlerActorEvents(IActorRef handler, IActorRef connection) : IConnectionEvents
{
    public IActorRef Handler { get; } = handler;

    public void OnRegistered()
    {
    }

    // The receive buffer goes back to the pool after this call: the handler gets its own copy, as from Akka.IO.
    public void OnReceived(ReadOnlySpan<byte> data) => Handler.Tell(new Tcp.Received(ByteString.FromBytes(data.ToArray())), connection);

    // Registered with keep-open-on-peer-closed: the connection stays writable until the handler closes it.
    public void OnReadClosed() => Handler.Tell(Tcp.PeerClosed.Instance, connection);

    public void OnWriteClosed()
    {
    }

    public void OnWriteDrained()
    {
    }

    public void OnClosing()
    {
    }

    public void OnClosed(Tcp.ConnectionClosed closed) => Handler.Tell(closed, connection);

    public bool OnMessage(object message) => false;
}

namespace ActorEcho.IO;

/// <summary>
/// Where a connection actor delivers socket events, on its own turn. The handler-actor mode turns them into
/// <c>Tcp.*</c> messages; a protocol behaviour hosted inside the connection implements this directly, so a
/// received chunk reaches it with no extra actor hop and no copy.
/// </summary>
internal interface IConnectionEvents
{
    /// <summary>The events are installed and the connection is about to read: the place for ConnectionMade.</summary>
    void OnRegistered();

    /// <summary>Bytes from the peer; the span is valid only during the call.</summary>
    void OnReceived(ReadOnlySpan<byte> data);

    /// <summary>The peer sent FIN while the connection is kept open for writing (keep-open-on-peer-closed).</summary>
    void OnReadClosed();

    /// <summary>Our half-close (FIN) has been sent after everything pending.</summary>
    void OnWriteClosed();

    /// <summary>The outbound queue drained completely.</summary>
    void OnWriteDrained();

    /// <summary>
    /// The socket is about to be closed (our FIN or reset goes out next). The last moment at which whoever counts
    /// this connection can be told before the peer can know it is over, and so before the peer can reconnect.
    /// </summary>
    void OnClosing();

    /// <summary>The one final event of the connection.</summary>
    void OnClosed(Tcp.ConnectionClosed closed);

    /// <summary>A message the connection itself does not handle; true when the hosted behaviour took it.</summary>
    bool OnMessage(object message);
}

/// <summary>The Akka.IO mode: every event becomes a message to the registered handler actor.</summary>
internal sealed class HandlerActorEvents(Kernel.IActorRef handler, Kernel.IActorRef connection) : IConnectionEvents
{
    public Kernel.IActorRef Handler { get; } = handler;

    public void OnRegistered()
    {
    }

    public void OnReceived(ReadOnlySpan<byte> data) => Handler.Tell(new Tcp.Received(data.ToArray()), connection);

    public void OnReadClosed() => Handler.Tell(Tcp.ReadClosed.Instance, connection);

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

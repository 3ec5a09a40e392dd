using System.Net;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// What a protocol host may do to its connection, on the connection actor's turn. The protocol layer builds its
/// transport on this, so it never touches a socket or an Akka.IO command itself.
/// </summary>
internal interface IConnectionControl
{
    IActorRef Self { get; }

    ActorSystem System { get; }

    EndPoint RemoteAddress { get; }

    EndPoint LocalAddress { get; }

    /// <summary>Bytes accepted for sending that Akka.IO has not acknowledged as handed to the OS.</summary>
    long PendingWriteBytes { get; }

    /// <summary>True once a close of any kind has begun.</summary>
    bool IsClosing { get; }

    /// <summary>Copies bytes into this turn's outbound batch; it leaves as one Akka.IO Write when the turn ends. Ignored once closing.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Close once every pending write is acknowledged; the close event is Closed (or PeerClosed).</summary>
    void Close();

    /// <summary>Drop pending writes and reset; the close event is Aborted.</summary>
    void Abort();

    /// <summary>Once every pending write is acknowledged, send FIN while still reading (half-close).</summary>
    void CloseWrite();

    void SuspendReading();

    void ResumeReading();

    void SetNoDelay(bool enabled);

    void SetKeepAlive(bool enabled);

    /// <summary>TCP_NODELAY as last set; false once the connection is closed.</summary>
    bool GetNoDelay();

    /// <summary>SO_KEEPALIVE as last set; false once the connection is closed.</summary>
    bool GetKeepAlive();

    /// <summary>Stops the connection actor once the host has delivered its last callback.</summary>
    void StopAfterClose();
}

/// <summary>
/// Where a connection actor delivers its connection's events, on its own turn: the Akka.IO events it receives, turned
/// into calls so a received chunk reaches the protocol with no further actor hop.
/// </summary>
internal interface IConnectionEvents
{
    /// <summary>Registered with Akka.IO and about to read: the place for ConnectionMade.</summary>
    void OnRegistered();

    /// <summary>Bytes from the peer; the span is valid only during the call.</summary>
    void OnReceived(ReadOnlySpan<byte> data);

    /// <summary>The peer sent FIN while the connection is kept open for writing.</summary>
    void OnReadClosed();

    /// <summary>Our half-close (FIN) has been requested after everything pending.</summary>
    void OnWriteClosed();

    /// <summary>Every write has been acknowledged.</summary>
    void OnWriteDrained();

    /// <summary>The close is about to be sent: the last moment to tell whoever counts this connection before the peer can know.</summary>
    void OnClosing();

    /// <summary>The one final event of the connection.</summary>
    void OnClosed(Akka.IO.Tcp.ConnectionClosed closed);

    /// <summary>A message the connection itself does not handle; true when the host took it.</summary>
    bool OnMessage(object message);
}

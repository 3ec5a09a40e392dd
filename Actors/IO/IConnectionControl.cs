using System.Net;
using Akka.Actor;

namespace ActorEcho.IO;

/// <summary>
/// What a behaviour hosted inside a connection actor (a protocol host) may do to its connection, on the connection's
/// turn. Two actors implement it: ActorEcho's own transport connection, which owns the socket, and the Akka.IO handler
/// that drives Akka.IO's connection with commands. The protocol layer builds its transport on this, so it never touches
/// a socket or an Akka.IO command itself.
/// </summary>
internal interface IConnectionControl
{
    IActorRef Self { get; }

    ActorSystem System { get; }

    EndPoint RemoteAddress { get; }

    EndPoint LocalAddress { get; }

    /// <summary>Bytes accepted for sending that the OS has not taken yet (on Akka.IO: that Akka.IO has not acknowledged).</summary>
    long PendingWriteBytes { get; }

    /// <summary>True once a close of any kind has begun.</summary>
    bool IsClosing { get; }

    /// <summary>Copies bytes into the outbound queue; what a turn wrote leaves together when the turn ends. Ignored once closing.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Close once every pending write has left; the close event is Closed (or PeerClosed).</summary>
    void Close();

    /// <summary>Drop pending writes and reset; the close event is Aborted.</summary>
    void Abort();

    /// <summary>Once every pending write has left, send FIN while still reading (half-close).</summary>
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

    /// <summary>Why the connection ended when a layer between it and the host (TLS) ended it; null otherwise.</summary>
    Exception? CloseReason => null;

    /// <summary>What TLS negotiated, when a TLS layer is this connection; null on plain TCP.</summary>
    Tls.ITlsInfo? Tls => null;
}

/// <summary>
/// Where a connection actor delivers its connection's events, on its own turn, as calls: a received chunk reaches a
/// hosted protocol with no further actor hop (and, on ActorEcho's transport, straight from the receive buffer).
/// </summary>
internal interface IConnectionEvents
{
    /// <summary>Registered and about to read: the place for ConnectionMade.</summary>
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

/// <summary>
/// A behaviour to host inside a connection actor (a protocol host). It is made before the connection is ready and
/// attached once, on the connection's turn, before any event.
/// </summary>
internal interface IHostedBehavior
{
    /// <summary>Whether the peer's FIN leaves the connection open for writing (the behaviour handles half-closes).</summary>
    bool KeepOpenOnPeerClosed { get; }

    /// <summary>Binds the behaviour to its connection; returns where the connection's events go (usually itself).</summary>
    IConnectionEvents Attach(IConnectionControl connection);
}

/// <summary>
/// ActorEcho's transport only: the answer to <see cref="Akka.IO.Tcp.Connected"/> that hosts a behaviour inside the
/// transport's own connection actor instead of registering a handler actor, so no event crosses an actor boundary.
/// </summary>
internal sealed class RegisterHosted(IHostedBehavior behavior) : Akka.IO.Tcp.Command
{
    public IHostedBehavior Behavior { get; } = behavior;
}

using System.Net;
using ActorEcho.Kernel;

namespace ActorEcho.IO;

/// <summary>
/// What a behaviour hosted inside a connection actor may do to its connection, on the connection's turn.
/// The protocol layer builds its transport on this, so it never touches a socket itself.
/// </summary>
internal interface IConnectionControl
{
    IActorRef Self { get; }

    ActorSystem System { get; }

    EndPoint RemoteAddress { get; }

    EndPoint LocalAddress { get; }

    /// <summary>Bytes accepted for sending that the OS has not taken yet.</summary>
    long PendingWriteBytes { get; }

    /// <summary>True once a close of any kind has begun.</summary>
    bool IsClosing { get; }

    /// <summary>Copies bytes into the outbound queue; they leave at the end of the turn. Ignored once closing.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Flush, then close; the close event is Closed (or PeerClosed after the peer's FIN).</summary>
    void Close();

    /// <summary>Drop pending writes and reset; the close event is Aborted.</summary>
    void Abort();

    /// <summary>Flush, then send FIN while still reading (half-close).</summary>
    void CloseWrite();

    void SuspendReading();

    void ResumeReading();

    void SetNoDelay(bool enabled);

    void SetKeepAlive(bool enabled);

    /// <summary>TCP_NODELAY as the socket reports it; false once the socket is closed.</summary>
    bool GetNoDelay();

    /// <summary>SO_KEEPALIVE as the socket reports it; false once the socket is closed.</summary>
    bool GetKeepAlive();

    /// <summary>Stops the connection actor once the hosted behaviour has delivered its last callback.</summary>
    void StopAfterClose();
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

/// <summary>Installs a hosted behaviour on a connection waiting for registration (the protocol-layer Register).</summary>
internal sealed record RegisterHosted(IHostedBehavior Behavior) : Tcp.Command;

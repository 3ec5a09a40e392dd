using System.Net.Sockets;
using Akka.Actor;

namespace ActorEcho.IO.Readiness;

/// <summary>
/// How a connection actor learns that its socket can be read or written. Readiness becomes a message to the
/// actor (its read-ready or write-ready message); the actor itself does every receive and send, never blocking.
/// </summary>
internal abstract class SocketReadiness
{
    protected SocketReadiness(IActorRef owner, object readReady, object writeReady)
    {
        Owner = owner;
        ReadReadyMessage = readReady;
        WriteReadyMessage = writeReady;
    }

    protected IActorRef Owner { get; }

    protected object ReadReadyMessage { get; }

    protected object WriteReadyMessage { get; }

    /// <summary>Bytes the send that finished last took; read once after it completed or after write-ready.</summary>
    public int SentBytes { get; protected set; }

    /// <summary>How the send that finished last ended.</summary>
    public SocketError SendError { get; protected set; }

    /// <summary>
    /// Readiness for <paramref name="socket"/>: the connection's own registration with <paramref name="reactor"/>
    /// when there is one, else a zero-byte receive per wait (the portable way).
    /// </summary>
    public static SocketReadiness For(EpollReactor? reactor, Socket socket, IActorRef owner, object readReady, object writeReady) =>
        (reactor?.TryRegister(owner, readReady, writeReady) as SocketReadiness)
        ?? new AsyncEventReadiness(socket, owner, readReady, writeReady);

    /// <summary>One receive that never blocks: the bytes read (0 at the peer's FIN), or WouldBlock in <paramref name="error"/>.</summary>
    public abstract int Receive(Socket socket, Span<byte> buffer, out SocketError error);

    /// <summary>
    /// Tells the read-ready message to the owner once the socket may hold data, its end, or an error.
    /// <paramref name="drained"/>: the last receive took everything there was (it returned less than it asked for,
    /// or would have blocked), so waiting is right; otherwise more may be there already.
    /// </summary>
    public abstract void AwaitReadable(Socket socket, bool drained);

    /// <summary>The error the wait that read-ready ended carries, if any; the receive that follows reports the rest.</summary>
    public virtual SocketError TakeReadError() => SocketError.Success;

    /// <summary>
    /// Sends from <paramref name="buffers"/>. False when it finished now (<see cref="SentBytes"/>, <see cref="SendError"/>);
    /// true when it is pending and the write-ready message will follow, after which the same properties tell the outcome.
    /// </summary>
    public abstract bool StartSend(Socket socket, IList<ArraySegment<byte>> buffers);

    /// <summary>The write-ready message for a pending send arrived: <see cref="SentBytes"/> and <see cref="SendError"/> now tell its outcome.</summary>
    public abstract void OnWriteReady();

    /// <summary>
    /// Right before a graceful close. Nothing by default: close() itself sends the FIN after the bytes the kernel
    /// still holds, so a shutdown first would only cost a syscall per connection.
    /// </summary>
    public virtual void BeforeGracefulClose(Socket socket)
    {
    }

    /// <summary>The socket is closing: from now on nothing is told to the owner.</summary>
    public abstract void Detach();

    /// <summary>Releases what the readiness holds, after the socket is closed.</summary>
    public virtual void Dispose()
    {
    }
}

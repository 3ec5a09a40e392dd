using System.Net;
using ActorEcho.Kernel;

namespace ActorEcho.IO;

public static partial class Tcp
{
    /// <summary>The listener is accepting on <paramref name="LocalAddress"/> (the real port when port 0 was asked).</summary>
    public sealed record Bound(EndPoint LocalAddress) : Event;

    public sealed record Unbound : Event
    {
        public static readonly Unbound Instance = new();
    }

    /// <summary>A connection is open; the sender is its connection actor, which waits for <see cref="Register"/>.</summary>
    public sealed record Connected(EndPoint RemoteAddress, EndPoint LocalAddress) : Event;

    /// <summary>Bytes from the peer, at most max-received-chunk of them. The memory belongs to the receiver.</summary>
    public sealed record Received(ReadOnlyMemory<byte> Data) : Event;

    /// <summary>The command could not be carried out; <paramref name="Cause"/> says why.</summary>
    public sealed record CommandFailed(Command Cmd, Exception Cause) : Event;

    /// <summary>The one close event of a connection: exactly one of these reaches the handler, after every Received.</summary>
    public abstract record ConnectionClosed : Event
    {
        /// <summary>True for a clean close (ours or the peer's FIN); false for a reset or an error.</summary>
        public virtual bool IsClean => true;

        public virtual bool IsAborted => false;

        public virtual bool IsPeerClosed => false;
    }

    /// <summary>We closed with <see cref="Close"/> after sending everything.</summary>
    public sealed record Closed : ConnectionClosed
    {
        public static readonly Closed Instance = new();
    }

    /// <summary>Both sides closed after <see cref="ConfirmedClose"/>.</summary>
    public sealed record ConfirmedClosed : ConnectionClosed
    {
        public static readonly ConfirmedClosed Instance = new();
    }

    /// <summary>We reset the connection with <see cref="Abort"/>; pending writes were dropped.</summary>
    public sealed record Aborted : ConnectionClosed
    {
        public static readonly Aborted Instance = new();

        public override bool IsAborted => true;

        public override bool IsClean => false;
    }

    /// <summary>
    /// With keep-open-on-peer-closed: the peer sent FIN, nothing more will be received, and the connection stays
    /// writable until we close it (Twisted's readConnectionLost). Not a close event: that comes when we close.
    /// </summary>
    public sealed record ReadClosed : Event
    {
        public static readonly ReadClosed Instance = new();
    }

    /// <summary>The peer sent FIN and the connection closed (registered without keep-open-on-peer-closed).</summary>
    public sealed record PeerClosed : ConnectionClosed
    {
        public static readonly PeerClosed Instance = new();

        public override bool IsPeerClosed => true;
    }

    /// <summary>The connection failed: reset by the peer, timed out, or another socket error.</summary>
    public sealed record ErrorClosed(ConnectionError Cause) : ConnectionClosed
    {
        public override bool IsClean => false;
    }

    /// <summary>Why a connection failed, classified in one place (<see cref="SocketErrors"/>).</summary>
    public sealed record ConnectionError(ConnectionErrorKind Kind, System.Net.Sockets.SocketError SocketError, string Message)
    {
        public override string ToString() => Message;
    }

    /// <summary>The small closed set of reasons a connection fails.</summary>
    public enum ConnectionErrorKind
    {
        ResetByPeer,
        TimedOut,
        Other,
    }
}

/// <summary><c>system.Tcp()</c>, as in Akka.IO.</summary>
public static class TcpExtensions
{
    /// <summary>The system's TCP manager, created on first use under <c>/system/io-tcp</c>.</summary>
    public static IActorRef Tcp(this ActorSystem system) => TcpManagerRegistry.Get(system);
}

using System.Net;
using ActorEcho.Kernel;

namespace ActorEcho.IO;

/// <summary>
/// The TCP commands and events, named as in Akka.IO. Commands go to the manager (<c>system.Tcp()</c>) or to a
/// connection actor; events come back from them. A command that cannot be carried out is answered with
/// <see cref="CommandFailed"/>, never dropped silently.
/// </summary>
public static partial class Tcp
{
    /// <summary>Marks messages the TCP layer accepts.</summary>
    public abstract record Command;

    /// <summary>Marks messages the TCP layer sends.</summary>
    public abstract record Event;

    /// <summary>
    /// Listen on <paramref name="LocalAddress"/> (port 0 picks a free one; <see cref="Bound"/> tells which).
    /// Each accepted connection sends <see cref="Connected"/> to <paramref name="Handler"/>, which must answer the
    /// connection with <see cref="Register"/>. In pull mode the listener accepts only after
    /// <see cref="ResumeAccepting"/>.
    /// </summary>
    public sealed record Bind(IActorRef Handler, EndPoint LocalAddress, int? Backlog = null, SocketOptions? Options = null,
        bool PullMode = false) : Command;

    /// <summary>Stop accepting; the listener answers <see cref="Unbound"/>. Accepted connections stay open.</summary>
    public sealed record Unbind : Command
    {
        public static readonly Unbind Instance = new();
    }

    /// <summary>In pull mode, accept up to <paramref name="BatchSize"/> more connections.</summary>
    public sealed record ResumeAccepting(int BatchSize) : Command;

    /// <summary>
    /// Open a connection to <paramref name="RemoteAddress"/> (a DnsEndPoint is resolved first). Success is
    /// <see cref="Connected"/> from the new connection actor; failure or timeout is <see cref="CommandFailed"/>.
    /// </summary>
    public sealed record Connect(EndPoint RemoteAddress, EndPoint? LocalAddress = null, SocketOptions? Options = null,
        TimeSpan? Timeout = null, bool PullMode = false) : Command;

    /// <summary>
    /// The handler's answer to <see cref="Connected"/>: events go to <paramref name="Handler"/>, which the
    /// connection watches (if it dies, the connection closes). With <paramref name="KeepOpenOnPeerClosed"/> a
    /// peer's FIN gives <see cref="PeerClosed"/> and the connection stays writable until closed.
    /// </summary>
    public sealed record Register(IActorRef Handler, bool KeepOpenOnPeerClosed = false) : Command;

    /// <summary>
    /// Queue <paramref name="Data"/> for sending; the bytes must not change afterwards. With an
    /// <paramref name="Ack"/>, the sender gets it back once the bytes are handed to the OS.
    /// </summary>
    public sealed record Write(ReadOnlyMemory<byte> Data, object? Ack = null) : Command
    {
        public static Write Create(string text, object? ack = null) => new(System.Text.Encoding.UTF8.GetBytes(text), ack);
    }

    /// <summary>Several buffers written as one gathered write, acknowledged once.</summary>
    public sealed record WriteSequence(IReadOnlyList<ReadOnlyMemory<byte>> Data, object? Ack = null) : Command;

    /// <summary>Send everything pending, then close; the handler gets <see cref="Closed"/>.</summary>
    public sealed record Close : Command
    {
        public static readonly Close Instance = new();
    }

    /// <summary>Send everything pending, half-close, and wait for the peer's FIN; then <see cref="ConfirmedClosed"/>.</summary>
    public sealed record ConfirmedClose : Command
    {
        public static readonly ConfirmedClose Instance = new();
    }

    /// <summary>Drop everything pending and reset the connection; then <see cref="Aborted"/>.</summary>
    public sealed record Abort : Command
    {
        public static readonly Abort Instance = new();
    }

    /// <summary>Stop reading from the socket: the peer is pushed back by TCP flow control.</summary>
    public sealed record SuspendReading : Command
    {
        public static readonly SuspendReading Instance = new();
    }

    /// <summary>Read again; in pull mode, read once more.</summary>
    public sealed record ResumeReading : Command
    {
        public static readonly ResumeReading Instance = new();
    }

    /// <summary>Socket options for Bind and Connect; a null field keeps the configured default.</summary>
    public sealed record SocketOptions(bool? NoDelay = null, bool? KeepAlive = null, int? SendBufferSize = null,
        int? ReceiveBufferSize = null, TimeSpan? Linger = null);
}

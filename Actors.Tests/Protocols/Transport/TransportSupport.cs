using System.Net;
using System.Net.Sockets;
using System.Reflection;
using ActorEcho.IO;
using ActorEcho.Protocols.Hosting;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// What the tests of protocol hosting over a transport share: byte patterns, small-window clients, and views into the
/// hosting and into the transport's connection actors, on either transport.
/// </summary>
internal static class TransportSupport
{
    /// <summary>The high-water mark of reference.conf (actor-echo.io.tcp.write-high-water-mark).</summary>
    public const int HighWaterMark = 64 * 1024;

    /// <summary>
    /// A bound on one Received: Akka.IO 1.5.75 reads into a buffer of maximum-frame-size (4 KiB by default), and
    /// ActorEcho promises at most max-received-chunk (64 KiB) to one DataReceived.
    /// </summary>
    public const int LargestReceivedChunk = 64 * 1024;

    /// <summary>Byte i of a stream: a repeating 251-byte cycle (prime, so it never lines up with buffer sizes), so a hole or a swap shows.</summary>
    public static byte PatternAt(long index) => (byte)(index % 251);

    public static byte[] Pattern(long offset, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++) bytes[i] = PatternAt(offset + i);
        return bytes;
    }

    /// <summary>The index of the first byte that is not the pattern from <paramref name="offset"/>, or -1.</summary>
    public static long FirstMismatch(ReadOnlySpan<byte> bytes, long offset)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != PatternAt(offset + i)) return offset + i;
        }

        return -1;
    }

    /// <summary>
    /// A client whose receive window is small and fixed: Linux would otherwise grow it to tens of MiB (tcp_rmem), and
    /// a peer that never reads would swallow that much before the server feels any back-pressure.
    /// </summary>
    public static Socket ConnectWithSmallWindow(EndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveBufferSize = 64 * 1024, // before connecting: the window scale is agreed in the handshake
            SendBufferSize = 64 * 1024,
            ReceiveTimeout = (int)Net.Timeout.TotalMilliseconds,
            SendTimeout = (int)Net.Timeout.TotalMilliseconds,
        };
        socket.Connect(endpoint);
        return socket;
    }

    /// <summary>Reads until EOF or a reset; returns what was read and whether it ended in a reset.</summary>
    public static (byte[] Data, bool Reset) ReadUntilClosed(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0) all.Write(buffer, 0, n);
            return (all.ToArray(), false);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (all.ToArray(), true);
        }
    }

    /// <summary>
    /// <see cref="ReadUntilClosed"/> on a thread of its own. A blocking read parked on a pool thread takes that thread
    /// from the actor system under test (Akka's dispatchers and Akka.IO's completions run on the .NET pool, which
    /// starts with one thread per core and adds more only about twice a second), so the server it waits for slows
    /// down or stalls on a loaded two-core machine.
    /// </summary>
    public static Task<(byte[] Data, bool Reset)> ReadUntilClosedOnOwnThread(Socket socket) =>
        Task.Factory.StartNew(() => ReadUntilClosed(socket), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // ActorCell.Actor is not public; the hosting reaches Akka.IO's socket the same way.
    private static readonly PropertyInfo CellActor = typeof(ActorCell).GetProperty("Actor",
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;

    /// <summary>
    /// The connection the current callback runs on: the ConnectionActor (on Akka.IO) or the transport's own
    /// TcpConnection hosting the protocol (on ActorEcho's transport). Only valid on that actor's turn.
    /// </summary>
    public static IConnectionControl CurrentConnection =>
        CellActor.GetValue(InternalCurrentActorCellKeeper.Current) as IConnectionControl
        ?? throw new InvalidOperationException("Not on a connection actor's turn.");

    /// <summary>
    /// The transport's connection actor of the one accepted socket: both transports make each a child of its
    /// listener, and the listeners children of the TCP manager (Akka.IO's /system/IO-TCP, ActorEcho's
    /// /system/actorecho-tcp); outgoing connections sit one level higher.
    /// </summary>
    public static Task<IActorRef> AcceptedConnection(ActorSystem system, string transport) =>
        system.ActorSelection(transport == TransportNames.AkkaIo ? "/system/IO-TCP/*/*" : "/system/actorecho-tcp/*/*").ResolveOne(Net.Timeout);

    // ActorEcho's TcpConnection keeps its socket private; read the field so the check goes to the socket itself.
    private static readonly FieldInfo? TcpConnectionSocket = typeof(TcpConnection).GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>The socket behind a transport's connection actor (see <see cref="AcceptedConnection"/>), read off the actor's turn (socket options are thread-safe).</summary>
    public static T ReadSocket<T>(IActorRef connection, Func<Socket, T> read) where T : struct
    {
        var actor = connection is ActorRefWithCell { Underlying: ActorCell cell } ? CellActor.GetValue(cell) : null;
        if (actor is TcpConnection tcp)
        {
            var field = TcpConnectionSocket ?? throw new InvalidOperationException("TcpConnection no longer has a _socket field.");
            return read(field.GetValue(tcp) as Socket ?? throw new InvalidOperationException("The connection has no socket (closed?)."));
        }

        return AkkaIoSockets.Read(connection, read)
            ?? throw new InvalidOperationException("Akka.IO's socket could not be reached: AkkaIoSockets no longer matches Akka's internals.");
    }

    /// <summary>SO_KEEPALIVE on the socket itself.</summary>
    public static bool KeepAlive(Socket socket) => (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0;
}

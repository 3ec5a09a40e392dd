using System.Net.Sockets;
using System.Reflection;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Reaches the socket behind an Akka.IO connection actor, for the two things Akka.IO has no command for: changing
/// TCP_NODELAY and SO_KEEPALIVE on an open connection (Twisted's setTcpNoDelay / setTcpKeepAlive). Akka.IO keeps the
/// socket in a non-public field, so this reads it by reflection; when Akka changes shape the lookup finds nothing and
/// the calls fall back to remembering the value. Socket options may be set from any thread, so touching the socket
/// outside the Akka.IO actor's turn is safe.
/// </summary>
internal static class AkkaIoSockets
{
    private static readonly PropertyInfo? CellActor =
        typeof(ActorCell).GetProperty("Actor", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    private static readonly FieldInfo? SocketField = typeof(Akka.IO.Tcp).Assembly.GetType("Akka.IO.TcpConnection")
        ?.GetField("Socket", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    public static void Apply(IActorRef connection, Action<Socket> change)
    {
        if (Find(connection) is not { } socket) return;
        try
        {
            change(socket);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Closed meanwhile: there is no option left to change.
        }
    }

    public static T? Read<T>(IActorRef connection, Func<Socket, T> read) where T : struct
    {
        if (Find(connection) is not { } socket) return null;
        try
        {
            return read(socket);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static Socket? Find(IActorRef connection) =>
        connection is ActorRefWithCell { Underlying: ActorCell cell } && CellActor?.GetValue(cell) is { } actor
            ? SocketField?.GetValue(actor) as Socket
            : null;
}

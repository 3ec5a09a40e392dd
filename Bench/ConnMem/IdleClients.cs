using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// The client half of every connmem run: plain sockets connected one after another with blocking connects, which
/// leave no cached async state on the client socket, so the client side costs the same in every run.
/// </summary>
internal static class IdleClients
{
    /// <summary>Fills <paramref name="into"/> with connected sockets; the caller allocates it, so it is not counted.</summary>
    public static void Connect(IPEndPoint server, Socket?[] into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(server);
            into[i] = socket;
        }
    }

    /// <summary>Each socket sends one byte and reads it back, with blocking calls (no async state left behind).</summary>
    public static void EchoOnce(Socket?[] sockets)
    {
        Span<byte> one = stackalloc byte[1];
        foreach (var socket in sockets)
        {
            one[0] = 1;
            socket!.Send(one);
            if (socket.Receive(one) != 1) throw new IOException("The server closed instead of echoing.");
        }
    }

    /// <summary>Resets and closes every socket (no TIME_WAIT left behind for the next run).</summary>
    public static void Abort(Socket?[] sockets)
    {
        for (var i = 0; i < sockets.Length; i++)
        {
            if (sockets[i] is not { } socket) continue;
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
            sockets[i] = null;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>Socket helpers shared by every load mode.</summary>
internal static class ClientSocket
{
    /// <summary>Connects a TCP client with Nagle off (small echo messages must leave at once).</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint server, IPEndPoint? local = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (local is not null)
            {
                socket.Bind(local);
            }

            await socket.ConnectAsync(server);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends the whole buffer. Socket.SendAsync over Memory reuses the socket's cached event args, so
    /// this allocates nothing per call.
    /// </summary>
    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    /// <summary>Closes without lingering; safe to call on a socket another task is still using.</summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to abort.
        }

        socket.Dispose();
    }
}

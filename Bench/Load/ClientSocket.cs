using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>Socket helpers shared by every load mode.</summary>
internal static class ClientSocket
{
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    /// <summary>Connects a TCP client with Nagle off (small echo messages must leave at once).</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint server, IPEndPoint? local = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (local is not null)
            {
                if (OperatingSystem.IsLinux())
                {
                    // IP_BIND_ADDRESS_NO_PORT: let connect pick the port from the full 4-tuple. Without it
                    // bind searches for a port unused by any socket on the address, which slows to a crawl
                    // once thousands are taken.
                    socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                }

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

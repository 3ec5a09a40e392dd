using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// Async loopback clients for the socket tests. Every operation takes a token, and the tokens come from
/// <see cref="Deadline"/>, so no wait in these tests is unbounded.
/// </summary>
internal static class Clients
{
    /// <summary>How long any one socket test may wait for the server.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static CancellationToken Deadline(TimeSpan? within = null) => new CancellationTokenSource(within ?? Timeout).Token;

    /// <summary>Connects to <paramref name="server"/>, from <paramref name="from"/> when given (any 127/8 address works on Linux).</summary>
    public static async Task<Socket> Connect(IPEndPoint server, CancellationToken token, IPAddress? from = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (from is not null) socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(server, token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task SendAll(Socket socket, ReadOnlyMemory<byte> data, CancellationToken token)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, token);
            data = data[sent..];
        }
    }

    public static Task SendAll(Socket socket, string text, CancellationToken token) => SendAll(socket, Encoding.ASCII.GetBytes(text), token);

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the peer closes first.</summary>
    public static async Task<byte[]> ReadExactly(Socket socket, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, token);
            if (n == 0) throw new IOException($"The server closed after {read} of {count} bytes: \"{Printable(buffer.AsSpan(0, read))}\"");
            read += n;
        }

        return buffer;
    }

    /// <summary>Reads until the server closes (EOF) and returns everything read.</summary>
    public static async Task<byte[]> ReadToEnd(Socket socket, CancellationToken token)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, token)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    public static string Printable(ReadOnlySpan<byte> data) =>
        Encoding.ASCII.GetString(data).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

using System.Net;
using System.Net.Sockets;
using ActorEcho.Tests.Protocols.Transport;

namespace ActorEcho.Tests.IO;

/// <summary>
/// The other side of the conformance tests: plain System.Net sockets, driven only by async calls, so that no blocking
/// read parks a pool thread the actor system under test needs (two shared cores run several suites at once).
/// </summary>
internal static class Loopback
{
    /// <summary>How long anything that should happen may take; it bounds every wait, it never paces one.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connects a client. A small fixed receive window keeps a peer that does not read from swallowing tens of MiB
    /// (Linux grows the window by itself otherwise), so the server's queue feels it quickly.
    /// </summary>
    public static async Task<Socket> ConnectAsync(EndPoint endpoint, bool smallWindow = false)
    {
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (smallWindow)
        {
            socket.ReceiveBufferSize = 64 * 1024; // before connecting: the window scale is agreed in the handshake
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(endpoint, timeout.Token);
        return socket;
    }

    /// <summary>Reads until end of stream or reset: what was read, and whether it ended in a reset.</summary>
    public static async Task<(byte[] Data, bool Reset)> ReadUntilClosedAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) all.Write(buffer, 0, n);
            return (all.ToArray(), false);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (all.ToArray(), true);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails on an early end of stream.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(Timeout);
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0) throw new EndOfStreamException($"end of stream after {read} of {count} bytes");
            read += n;
        }

        return buffer;
    }

    public static async Task SendAsync(Socket socket, byte[] data)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var sent = 0;
        while (sent < data.Length) sent += await socket.SendAsync(data.AsMemory(sent), SocketFlags.None, timeout.Token);
    }

    /// <summary>Byte i of a stream: a repeating 251-byte cycle (prime, so it never lines up with a buffer size), so a hole or a swap shows.</summary>
    public static byte PatternAt(long index) => TransportSupport.PatternAt(index);

    public static byte[] Pattern(long offset, int count) => TransportSupport.Pattern(offset, count);

    /// <summary>The index of the first byte that is not the pattern from <paramref name="offset"/>, or -1.</summary>
    public static long FirstMismatch(ReadOnlySpan<byte> bytes, long offset) => TransportSupport.FirstMismatch(bytes, offset);

    /// <summary>
    /// Connects until a connect is left waiting, so the listener's accept queue is full: a loopback connect the kernel
    /// answers completes at once. The sockets are the caller's to close.
    /// </summary>
    public static async Task<List<Socket>> FillAcceptQueue(IPEndPoint endpoint)
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < 64; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sockets.Add(socket);
            using var stuck = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await socket.ConnectAsync(endpoint, stuck.Token);
            }
            catch (OperationCanceledException)
            {
                return sockets; // this one hangs: the queue is full
            }
        }

        throw new InvalidOperationException("The accept queue never filled: every connect was answered.");
    }

    /// <summary>A loopback port nobody listens on: bound to port 0 to learn a free one, then released.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

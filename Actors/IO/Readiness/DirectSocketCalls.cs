using System.Net.Sockets;
using System.Runtime.InteropServices;
using static ActorEcho.IO.Readiness.LinuxSockets;

namespace ActorEcho.IO.Readiness;

/// <summary>
/// recv and sendmsg straight from libc with MSG_DONTWAIT, for sockets the epoll reactor watches. Asking for
/// non-blocking per call leaves the socket itself in blocking mode, so .NET never sets O_NONBLOCK (two fcntl
/// calls) nor builds its per-socket async context (about 220 bytes) for a socket it does no I/O on.
/// </summary>
internal static unsafe partial class DirectSocketCalls
{
    // Gathered sends take at most this many buffers per call (the kernel's UIO_MAXIOV is 1024); the caller sends
    // the rest next, as with any short send.
    private const int MaxVectors = 64;

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(SafeSocketHandle socket, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMsg(SafeSocketHandle socket, MessageHeader* message, int flags);

    /// <summary>One non-blocking receive: the bytes read (0 at the peer's FIN), with <paramref name="error"/> WouldBlock when there were none.</summary>
    public static int Receive(Socket socket, Span<byte> buffer, out SocketError error)
    {
        fixed (byte* data = buffer)
        {
            int read;
            while (!Finished(Recv(socket.SafeHandle, data, (nuint)buffer.Length, MsgDontWait), out read, out error))
            {
            }

            return read;
        }
    }

    /// <summary>One non-blocking gathered send: the bytes the kernel took (perhaps fewer than all), or 0 with an error.</summary>
    public static int Send(Socket socket, IList<ArraySegment<byte>> buffers, out SocketError error)
    {
        if (buffers.Count == 1)
        {
            fixed (byte* data = buffers[0].AsSpan())
            {
                var single = new IoVector { Base = data, Length = (nuint)buffers[0].Count };
                return SendVectors(socket, &single, 1, out error);
            }
        }

        var count = Math.Min(buffers.Count, MaxVectors);
        var vectors = stackalloc IoVector[count];
        Span<GCHandle> pins = stackalloc GCHandle[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var segment = buffers[i];
                pins[i] = GCHandle.Alloc(segment.Array, GCHandleType.Pinned);
                vectors[i] = new IoVector { Base = (byte*)pins[i].AddrOfPinnedObject() + segment.Offset, Length = (nuint)segment.Count };
            }

            return SendVectors(socket, vectors, count, out error);
        }
        finally
        {
            foreach (var pin in pins)
            {
                if (pin.IsAllocated) pin.Free();
            }
        }
    }

    private static int SendVectors(Socket socket, IoVector* vectors, int count, out SocketError error)
    {
        var message = new MessageHeader { Vectors = vectors, VectorCount = (nuint)count };
        int sent;
        while (!Finished(SendMsg(socket.SafeHandle, &message, MsgDontWait | MsgNoSignal), out sent, out error))
        {
        }

        return sent;
    }

    // recv and sendmsg answer alike: a count, or -1 with errno. False only for EINTR, which means call again.
    private static bool Finished(nint result, out int count, out SocketError error)
    {
        count = 0;
        if (result >= 0)
        {
            count = (int)result;
            error = SocketError.Success;
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        error = ToSocketError(errno);
        return errno != Eintr;
    }

    /// <summary>The .NET name of a Linux errno from recv or sendmsg, as .NET's own socket layer names it.</summary>
    internal static SocketError ToSocketError(int errno) => errno switch
    {
        Eagain => SocketError.WouldBlock,
        Epipe => SocketError.Shutdown,
        Econnreset => SocketError.ConnectionReset,
        Econnaborted => SocketError.ConnectionAborted,
        Etimedout => SocketError.TimedOut,
        Enotconn => SocketError.NotConnected,
        Ehostunreach => SocketError.HostUnreachable,
        Enetunreach => SocketError.NetworkUnreachable,
        Enetdown => SocketError.NetworkDown,
        Enobufs or Enomem => SocketError.NoBufferSpaceAvailable,
        Ebadf => SocketError.OperationAborted, // closed under us
        _ => SocketError.SocketError,
    };
}

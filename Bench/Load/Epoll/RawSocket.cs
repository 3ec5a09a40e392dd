using ActorEcho.IO.Readiness;
using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// TCP client sockets as bare descriptors. .NET's Socket would register each socket it connects asynchronously
/// with its own epoll thread, which then wakes (and queues work to the thread pool) for every event the generator's
/// loop handles: over 40% of the generator's CPU in `load echo` when the loop drove sockets ConnectAsync had opened.
/// Sockets opened here are seen by the generator's epoll alone.
/// </summary>
internal static unsafe class RawSocket
{
    /// <summary>How <see cref="StartConnect"/> went.</summary>
    public enum Start
    {
        /// <summary>Connected already (loopback can complete at once).</summary>
        Connected,

        /// <summary>The handshake is under way: wait for EPOLLOUT, then read <see cref="Libc.PendingError"/>.</summary>
        InProgress,

        /// <summary>socket() or connect() failed; no descriptor is left open.</summary>
        Failed,
    }

    /// <summary>A non-blocking socket() and connect() to <paramref name="address"/> (<see cref="NativeSocketAddress"/>).</summary>
    public static Start StartConnect(int domain, byte[] address, out int fd)
    {
        fd = Libc.Socket(domain, Libc.SockStream | Libc.SockNonblock | Libc.SockCloexec, 0);
        if (fd < 0) return Start.Failed;
        fixed (byte* native = address)
        {
            if (Libc.Connect(fd, native, (uint)address.Length) == 0) return Start.Connected;
        }

        // EINTR leaves the handshake going on in the background, as EINPROGRESS does.
        var errno = Libc.Errno;
        if (errno is LinuxSockets.Einprogress or LinuxSockets.Eintr) return Start.InProgress;
        Libc.Close(fd);
        fd = -1;
        return Start.Failed;
    }

    /// <summary>Turns Nagle off: a small echo message must leave at once, not wait for the previous one's ACK.</summary>
    public static void SetNoDelay(int fd)
    {
        var on = 1;
        _ = Libc.SetSockOpt(fd, Libc.IpProtoTcp, Libc.TcpNoDelay, &on, sizeof(int));
    }

    /// <summary>Closes with a reset rather than a FIN, as <see cref="ClientSocket.Abort"/> does: no TIME_WAIT is left behind.</summary>
    public static void Abort(int fd)
    {
        var linger = new Linger { OnOff = 1, Seconds = 0 };
        _ = Libc.SetSockOpt(fd, LinuxSockets.SolSocket, Libc.SoLinger, &linger, (uint)sizeof(Linger));
        Libc.Close(fd);
    }

    // struct linger
    [StructLayout(LayoutKind.Sequential)]
    private struct Linger
    {
        public int OnOff;
        public int Seconds;
    }
}

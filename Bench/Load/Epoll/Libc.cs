using System.Runtime.InteropServices;
using ActorEcho.IO.Readiness;
using static ActorEcho.IO.Readiness.LinuxSockets;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// The libc socket calls and constants the epoll generator uses, on plain int descriptors (no SafeHandle reference
/// counting per call); epoll itself is <see cref="EpollInterop"/>, errno values and message flags are
/// <see cref="LinuxSockets"/>. The numbers are those of Linux on x86-64 and arm64, the only platforms
/// <see cref="EpollLoop.Supported"/> admits.
/// </summary>
internal static unsafe partial class Libc
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStream = 1;
    public const int SockNonblock = 0x800;
    public const int SockCloexec = 0x80000;

    public const int SoError = 4;
    public const int SoLinger = 13;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, uint* valueLength);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint valueLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>errno of the last call above that failed on this thread.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>recv with MSG_DONTWAIT, retried on EINTR: bytes read, 0 at the peer's FIN, or -errno.</summary>
    public static nint Receive(int fd, byte* buffer, nuint length)
    {
        while (true)
        {
            var read = Recv(fd, buffer, length, MsgDontWait);
            if (read >= 0) return read;
            var errno = Errno;
            if (errno != Eintr) return -errno;
        }
    }

    /// <summary>send with MSG_DONTWAIT | MSG_NOSIGNAL, retried on EINTR: bytes taken (perhaps fewer than all), or -errno.</summary>
    public static nint SendSome(int fd, byte* buffer, nuint length)
    {
        while (true)
        {
            var sent = Send(fd, buffer, length, MsgDontWait | MsgNoSignal);
            if (sent >= 0) return sent;
            var errno = Errno;
            if (errno != Eintr) return -errno;
        }
    }

    /// <summary>The pending error of a socket (SO_ERROR, which reading also clears): 0, or the errno a non-blocking connect ended with.</summary>
    public static int PendingError(int fd)
    {
        int error;
        var length = (uint)sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) == 0 ? error : Errno;
    }
}

using System.Net.Sockets;
using System.Runtime.InteropServices;
using ActorEcho.IO.Readiness;
using static ActorEcho.IO.Readiness.LinuxSockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// Linux receive timestamps (SO_TIMESTAMPNS): the kernel stamps each incoming segment in CLOCK_REALTIME when it
/// arrives, and recvmsg hands the stamp back as a control message. A latency taken from it ends when the bytes
/// reached the socket, not when a busy generator got round to its receive completion. 64-bit Linux only: the
/// option's number and the struct layouts below are those of x86-64 and arm64.
/// </summary>
internal static unsafe class KernelTimestamps
{
    /// <summary><see cref="Receive"/>'s result when the socket has nothing to read (EAGAIN).</summary>
    public const int WouldBlock = -1;

    private const int SoTimestampNs = 35;
    private const int ScmTimestampNs = SoTimestampNs;
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const long NanosecondsPerDateTimeTick = 100;

    // CMSG_SPACE(sizeof(struct timespec)) is 32 on 64-bit Linux; twice that leaves room for a control message we
    // did not ask for rather than have the kernel truncate ours.
    private const int ControlSize = 64;

    /// <summary>Whether this platform has SO_TIMESTAMPNS with the layout this class reads.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && Environment.Is64BitProcess &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Turns SO_TIMESTAMPNS on for <paramref name="socket"/>; false where the platform or the kernel refuses.</summary>
    public static bool TryEnable(Socket socket)
    {
        if (!Supported)
        {
            return false;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// CLOCK_REALTIME now, in nanoseconds since the Unix epoch: the clock the kernel stamps with. DateTime.UtcNow
    /// reads that same clock on Linux, at 100 ns resolution.
    /// </summary>
    public static long RealtimeNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerDateTimeTick;

    /// <summary>
    /// One non-blocking recvmsg into <paramref name="buffer"/>: the bytes read (0 when the peer closed), or
    /// <see cref="WouldBlock"/>. <paramref name="arrival"/> is the kernel's stamp in CLOCK_REALTIME nanoseconds, null
    /// when the read carried none. When one read takes several segments the stamp is that of the last one taken
    /// (tcp_recvmsg keeps the stamp of each segment it consumes), so earlier bytes of the read can only look later,
    /// never earlier, than they arrived.
    /// </summary>
    public static int Receive(Socket socket, Span<byte> buffer, out long? arrival)
    {
        var control = stackalloc byte[ControlSize];
        fixed (byte* data = buffer)
        {
            var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
            var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = ControlSize };
            while (true)
            {
                var read = RecvMsg(socket.SafeHandle, &message, MsgDontWait);
                if (read >= 0)
                {
                    arrival = (message.Flags & MsgCtrunc) == 0 ? TimestampOf(&message) : null;
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case Eintr:
                        continue;
                    case Eagain:
                        arrival = null;
                        return WouldBlock;
                    case Econnreset:
                        throw new SocketException((int)SocketError.ConnectionReset);
                    default:
                        throw new SocketException((int)SocketError.SocketError, $"recvmsg: {Marshal.GetPInvokeErrorMessage(errno)}");
                }
            }
        }
    }

    // Walks the control messages as CMSG_FIRSTHDR / CMSG_NXTHDR do: each header is followed by its data, and the
    // next header starts at the length rounded up to the 8-byte alignment of 64-bit Linux.
    private static long? TimestampOf(MessageHeader* message)
    {
        var offset = 0UL;
        while (offset + (ulong)sizeof(ControlHeader) <= message->ControlLength)
        {
            var header = (ControlHeader*)((byte*)message->Control + offset);
            if (header->Length < (ulong)sizeof(ControlHeader))
            {
                return null;
            }

            if (header->Level == SolSocket && header->Type == ScmTimestampNs &&
                header->Length >= (ulong)(sizeof(ControlHeader) + sizeof(TimeSpec)))
            {
                var time = (TimeSpec*)(header + 1);
                return time->Seconds * NanosecondsPerSecond + time->Nanoseconds;
            }

            offset += (header->Length + 7) & ~7UL;
        }

        return null;
    }

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static extern nint RecvMsg(SafeHandle socket, MessageHeader* message, int flags);

    // struct cmsghdr: 16 bytes, so its data (CMSG_DATA) follows at once.
    [StructLayout(LayoutKind.Sequential)]
    private struct ControlHeader
    {
        public ulong Length;
        public int Level;
        public int Type;
    }

    // struct timespec
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

namespace ActorEcho.IO.Readiness;

/// <summary>
/// The Linux errno values and socket flag numbers that the epoll path and the load generator's libc calls use. x86-64 and
/// arm64 share these generic numbers, and only those platforms run that code.
/// </summary>
internal static class LinuxSockets
{
    public const int Ebadf = 9;
    public const int Eintr = 4;
    public const int Eagain = 11;
    public const int Enomem = 12;
    public const int Epipe = 32;
    public const int Enetdown = 100;
    public const int Enetunreach = 101;
    public const int Econnaborted = 103;
    public const int Econnreset = 104;
    public const int Enobufs = 105;
    public const int Enotconn = 107;
    public const int Etimedout = 110;
    public const int Ehostunreach = 113;
    public const int Einprogress = 115;

    public const int SolSocket = 1;
    public const int MsgCtrunc = 0x08;
    public const int MsgDontWait = 0x40;

    /// <summary>A write to a peer that has reset fails with EPIPE instead of raising SIGPIPE.</summary>
    public const int MsgNoSignal = 0x4000;
}

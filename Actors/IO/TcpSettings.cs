using ActorEcho.Configuration;
using ActorEcho.IO.Readiness;

namespace ActorEcho.IO;

/// <summary>The TCP layer's settings (<c>actor-echo.io.tcp</c> in reference.conf, where each is explained).</summary>
internal sealed record TcpSettings(
    int Backlog,
    TimeSpan RegisterTimeout,
    long MaxPendingWriteBytes,
    long WriteHighWaterMark,
    int MaxReceivedChunk,
    int BatchAcceptLimit,
    TimeSpan AcceptErrorBackoff,
    TimeSpan AcceptErrorBackoffMax,
    TimeSpan ConnectTimeout,
    int WriteChunkSize,
    TimeSpan ClosedLinger,
    Tcp.SocketOptions SocketDefaults,
    ReadinessKind Readiness = ReadinessKind.Auto,
    int EpollEventsPerWait = TcpSettings.DefaultEpollEventsPerWait)
{
    // Only for settings built in code (tests); the configured value comes from reference.conf.
    private const int DefaultEpollEventsPerWait = 256;

    /// <summary>The system's epoll reactor when <see cref="Readiness"/> chose it and it started; null means .NET's socket engine.</summary>
    public EpollReactor? Reactor { get; init; }

    private const string Root = "actor-echo.io.tcp";

    public static TcpSettings From(Config config)
    {
        var tcp = config.GetConfig(Root);
        return new TcpSettings(
            Positive(tcp, "backlog", tcp.GetInt("backlog")),
            tcp.GetTimeSpan("register-timeout"),
            Positive(tcp, "max-pending-write-bytes", tcp.GetByteSize("max-pending-write-bytes")),
            Positive(tcp, "write-high-water-mark", tcp.GetByteSize("write-high-water-mark")),
            (int)Positive(tcp, "max-received-chunk", tcp.GetByteSize("max-received-chunk")),
            Positive(tcp, "batch-accept-limit", tcp.GetInt("batch-accept-limit")),
            tcp.GetTimeSpan("accept-error-backoff"),
            tcp.GetTimeSpan("accept-error-backoff-max"),
            tcp.GetTimeSpan("connect-timeout"),
            (int)Positive(tcp, "write-chunk-size", tcp.GetByteSize("write-chunk-size")),
            tcp.GetTimeSpan("closed-linger"),
            new Tcp.SocketOptions(
                tcp.GetBoolean("socket.tcp-no-delay"),
                tcp.GetBoolean("socket.keep-alive"),
                NullIfZero(tcp.GetInt("socket.send-buffer-size")),
                NullIfZero(tcp.GetInt("socket.receive-buffer-size"))),
            ParseReadiness(tcp),
            Positive(tcp, "epoll-events-per-wait", tcp.GetInt("epoll-events-per-wait")));
    }

    private static ReadinessKind ParseReadiness(Config tcp) => tcp.GetString("readiness") switch
    {
        "auto" => ReadinessKind.Auto,
        "epoll" => ReadinessKind.Epoll,
        "socket-events" => ReadinessKind.SocketEvents,
        var other => throw tcp.InvalidValue("readiness", $"must be auto, epoll or socket-events, found '{other}'"),
    };

    private static T Positive<T>(Config tcp, string key, T value) where T : System.Numerics.INumber<T>
    {
        if (value <= T.Zero) throw tcp.InvalidValue(key, $"must be positive, found {value}");
        return value;
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}

/// <summary>How connections learn that their sockets are ready (<c>actor-echo.io.tcp.readiness</c>).</summary>
internal enum ReadinessKind
{
    /// <summary>epoll where it is available (Linux on x64 and arm64), else .NET's socket engine.</summary>
    Auto,

    /// <summary>epoll; starting the TCP layer fails where it is not available.</summary>
    Epoll,

    /// <summary>.NET's socket engine (SocketAsyncEventArgs) everywhere.</summary>
    SocketEvents,
}

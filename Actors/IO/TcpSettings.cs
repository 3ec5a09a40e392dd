using ActorEcho.Configuration;
using ActorEcho.IO.Readiness;
using AkkaConfig = Akka.Configuration.Config;

namespace ActorEcho.IO;

/// <summary>ActorEcho's transport's settings (<c>actor-echo.io.tcp</c> in reference.conf, where each is explained).</summary>
internal sealed record TcpSettings(
    int Backlog,
    TimeSpan RegisterTimeout,
    long MaxPendingWriteBytes,
    int MaxReceivedChunk,
    int BatchAcceptLimit,
    TimeSpan AcceptErrorBackoff,
    TimeSpan AcceptErrorBackoffMax,
    TimeSpan ConnectTimeout,
    int WriteChunkSize,
    TimeSpan ClosedLinger,
    SocketDefaults SocketDefaults,
    ReadinessKind Readiness,
    int EpollEventsPerWait)
{
    private const string Root = "actor-echo.io.tcp";

    /// <summary>The system's epoll reactor when <see cref="Readiness"/> chose it and it started; null means .NET's socket engine.</summary>
    public EpollReactor? Reactor { get; init; }

    public static TcpSettings From(AkkaConfig config)
    {
        var tcp = AkkaSettingsReader.For(config, Root);
        return new TcpSettings(
            (int)tcp.Positive("backlog", tcp.Count("backlog")),
            tcp.Duration("register-timeout"),
            tcp.Positive("max-pending-write-bytes", tcp.Bytes("max-pending-write-bytes")),
            (int)tcp.Positive("max-received-chunk", tcp.Bytes("max-received-chunk")),
            (int)tcp.Positive("batch-accept-limit", tcp.Count("batch-accept-limit")),
            tcp.Duration("accept-error-backoff"),
            tcp.Duration("accept-error-backoff-max"),
            tcp.Duration("connect-timeout"),
            (int)tcp.Positive("write-chunk-size", tcp.Bytes("write-chunk-size")),
            tcp.Duration("closed-linger"),
            SocketDefaults.Read(tcp),
            tcp.Choice("readiness", "auto", "epoll", "socket-events") switch
            {
                "epoll" => ReadinessKind.Epoll,
                "socket-events" => ReadinessKind.SocketEvents,
                _ => ReadinessKind.Auto,
            },
            (int)tcp.Positive("epoll-events-per-wait", tcp.Count("epoll-events-per-wait")));
    }
}

/// <summary>How connections learn that their sockets are ready (<c>actor-echo.io.tcp.readiness</c>).</summary>
internal enum ReadinessKind
{
    /// <summary>epoll where it is available (Linux on x64 and arm64), else .NET's socket engine.</summary>
    Auto,

    /// <summary>epoll; starting the transport fails where it is not available.</summary>
    Epoll,

    /// <summary>.NET's socket engine (SocketAsyncEventArgs) everywhere.</summary>
    SocketEvents,
}

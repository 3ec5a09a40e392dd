using ActorEcho.Configuration;

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
    Tcp.SocketOptions SocketDefaults)
{
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
                NullIfZero(tcp.GetInt("socket.receive-buffer-size"))));
    }

    private static T Positive<T>(Config tcp, string key, T value) where T : System.Numerics.INumber<T>
    {
        if (value <= T.Zero) throw tcp.InvalidValue(key, $"must be positive, found {value}");
        return value;
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}

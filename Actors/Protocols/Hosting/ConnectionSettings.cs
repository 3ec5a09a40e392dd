using ActorEcho.Configuration;
using Akka.IO;
using AkkaConfig = Akka.Configuration.Config;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// How ActorEcho hosts protocols on Akka.IO (<c>actor-echo.io.tcp</c> in reference.conf, where each is explained).
/// Read from the actor system's Akka configuration, with the values' text parsed by ActorEcho's own unit rules so a
/// size or duration means the same here as in the file the front door checked.
/// </summary>
internal sealed record ConnectionSettings(
    int Backlog,
    long MaxPendingWriteBytes,
    long WriteHighWaterMark,
    TimeSpan ConnectTimeout,
    bool TcpNoDelay,
    bool KeepAlive,
    int? SendBufferSize,
    int? ReceiveBufferSize,
    int DescriptorReserve)
{
    private const string Root = "actor-echo.io.tcp";

    public static ConnectionSettings From(AkkaConfig config)
    {
        var tcp = config.GetConfig(Root) ?? throw new ConfigException($"{Root} is missing from the actor system's configuration");
        return new ConnectionSettings(
            (int)Positive("backlog", Count(tcp, "backlog")),
            Positive("max-pending-write-bytes", Bytes(tcp, "max-pending-write-bytes")),
            Positive("write-high-water-mark", Bytes(tcp, "write-high-water-mark")),
            Duration(tcp, "connect-timeout"),
            Flag(tcp, "socket.tcp-no-delay"),
            Flag(tcp, "socket.keep-alive"),
            NullIfZero((int)Bytes(tcp, "socket.send-buffer-size")),
            NullIfZero((int)Bytes(tcp, "socket.receive-buffer-size")),
            (int)Positive("descriptor-reserve", Count(tcp, "descriptor-reserve")));
    }

    /// <summary>The socket options a Bind or Connect carries: Akka.IO applies only these, not its own buffer settings.</summary>
    public IEnumerable<Inet.SocketOption> SocketOptions()
    {
        var options = new List<Inet.SocketOption> { new TcpSocketOption.NoDelay(TcpNoDelay) };
        if (KeepAlive) options.Add(new TcpSocketOption.KeepAlive(true));
        if (SendBufferSize is { } send) options.Add(new Inet.SO.SendBufferSize(send));
        if (ReceiveBufferSize is { } receive) options.Add(new Inet.SO.ReceiveBufferSize(receive));
        return options;
    }

    private static string Text(AkkaConfig tcp, string key) =>
        tcp.GetString(key) ?? throw new ConfigException($"{Root}.{key}: missing");

    private static long Bytes(AkkaConfig tcp, string key) =>
        Units.TryParseBytes(Text(tcp, key), out var bytes) ? bytes : throw Wrong(key, "a size in bytes", Text(tcp, key));

    private static long Count(AkkaConfig tcp, string key) =>
        long.TryParse(Text(tcp, key), out var count) ? count : throw Wrong(key, "a whole number", Text(tcp, key));

    private static TimeSpan Duration(AkkaConfig tcp, string key) =>
        Units.TryParseDuration(Text(tcp, key), out var duration) ? duration : throw Wrong(key, "a duration", Text(tcp, key));

    private static bool Flag(AkkaConfig tcp, string key) => Text(tcp, key) switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var other => throw Wrong(key, "on or off", other),
    };

    private static ConfigException Wrong(string key, string expected, string found) =>
        new($"{Root}.{key}: expected {expected}, found '{found}'");

    private static long Positive(string key, long value) =>
        value > 0 ? value : throw new ConfigException($"{Root}.{key}: must be positive, found {value}");

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}

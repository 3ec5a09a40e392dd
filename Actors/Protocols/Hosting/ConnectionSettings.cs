using ActorEcho.Configuration;
using Akka.IO;
using ActorEcho.IO;
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
    SocketDefaults Socket,
    int DescriptorReserve,
    string Transport)
{
    private const string Root = "actor-echo.io.tcp";

    public static ConnectionSettings From(AkkaConfig config)
    {
        var tcp = AkkaSettingsReader.For(config, Root);
        return new ConnectionSettings(
            (int)tcp.Positive("backlog", tcp.Count("backlog")),
            tcp.Positive("max-pending-write-bytes", tcp.Bytes("max-pending-write-bytes")),
            tcp.Positive("write-high-water-mark", tcp.Bytes("write-high-water-mark")),
            tcp.Duration("connect-timeout"),
            SocketDefaults.Read(tcp),
            (int)tcp.Positive("descriptor-reserve", tcp.Count("descriptor-reserve")),
            AkkaSettingsReader.For(config, "actor-echo.io").Choice("transport", TransportNames.ActorEcho, TransportNames.AkkaIo));
    }

    /// <summary>The socket options a Bind or Connect carries: Akka.IO applies only these, not its own buffer settings.</summary>
    public IEnumerable<Inet.SocketOption> SocketOptions()
    {
        var options = new List<Inet.SocketOption> { new TcpSocketOption.NoDelay(Socket.NoDelay) };
        if (Socket.KeepAlive) options.Add(new TcpSocketOption.KeepAlive(true));
        if (Socket.SendBufferSize > 0) options.Add(new Inet.SO.SendBufferSize(Socket.SendBufferSize));
        if (Socket.ReceiveBufferSize > 0) options.Add(new Inet.SO.ReceiveBufferSize(Socket.ReceiveBufferSize));
        return options;
    }
}

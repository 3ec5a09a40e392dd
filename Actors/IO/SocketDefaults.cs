using System.Net.Sockets;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// The configured socket options (<c>actor-echo.io.tcp.socket</c>), applied to every socket before the options a Bind or
/// Connect carries: those are Akka.IO's own <see cref="Inet.SocketOption"/>s and run through their own hooks, so an
/// Akka.IO handler's options mean the same here.
/// </summary>
internal sealed record SocketDefaults(bool NoDelay, bool KeepAlive, int SendBufferSize, int ReceiveBufferSize)
{
    /// <summary>The <c>socket</c> section of <c>actor-echo.io.tcp</c>, read once for both transports' settings.</summary>
    public static SocketDefaults Read(ActorEcho.Configuration.AkkaSettingsReader tcp) => new(
        tcp.Flag("socket.tcp-no-delay"),
        tcp.Flag("socket.keep-alive"),
        (int)tcp.Bytes("socket.send-buffer-size"),
        (int)tcp.Bytes("socket.receive-buffer-size"));

    /// <summary>Sets the defaults on a new socket; a switch that is off is left alone, since every new socket starts with it off.</summary>
    public void Apply(Socket socket)
    {
        var isTcp = socket.ProtocolType == ProtocolType.Tcp;
        if (isTcp && NoDelay) socket.NoDelay = true;
        if (isTcp && KeepAlive) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        if (SendBufferSize > 0) socket.SendBufferSize = SendBufferSize;
        if (ReceiveBufferSize > 0) socket.ReceiveBufferSize = ReceiveBufferSize;
    }

    /// <summary>
    /// Whether sockets accepted from a listening socket carry the listening socket's options (Linux copies them, and
    /// TCP_NODELAY too): then the defaults are set once on the listener instead of a setsockopt or two per connection.
    /// </summary>
    public static bool InheritedByAcceptedSockets => OperatingSystem.IsLinux();

    /// <summary>Runs a command's options' hook on the socket; a TCP-only option on a Unix-domain socket is skipped.</summary>
    public static void Run(IEnumerable<Inet.SocketOption>? options, Socket socket, Action<Inet.SocketOption, Socket> hook)
    {
        if (options is null) return;
        foreach (var option in options)
        {
            try
            {
                hook(option, socket);
            }
            catch (SocketException) when (socket.ProtocolType != ProtocolType.Tcp)
            {
                // TCP_NODELAY and friends mean nothing on a Unix-domain socket; a handler written for TCP still works.
            }
        }
    }
}

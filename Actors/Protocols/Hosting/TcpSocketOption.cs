using System.Net.Sockets;
using Akka.IO;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// TCP options Akka.IO 1.5.75 has no class for. Akka.IO calls <see cref="Inet.SocketOption.AfterConnect"/> with the
/// options of the Bind on every accepted socket and with the Connect's on an outgoing one, so these ride along.
/// </summary>
internal static class TcpSocketOption
{
    /// <summary>TCP_NODELAY: on turns Nagle's algorithm off, so small writes leave at once.</summary>
    public sealed class NoDelay(bool enabled) : Inet.SocketOption
    {
        public override void AfterConnect(Socket socket) => socket.NoDelay = enabled;
    }

    /// <summary>SO_KEEPALIVE: probes on idle connections.</summary>
    public sealed class KeepAlive(bool enabled) : Inet.SocketOption
    {
        public override void AfterConnect(Socket socket) =>
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, enabled);
    }
}

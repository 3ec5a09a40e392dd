using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// An <see cref="IPEndPoint"/> as the struct sockaddr_in or sockaddr_in6 that connect(2) takes on Linux: the family
/// in host byte order, the port and address in network byte order.
/// </summary>
internal static class NativeSocketAddress
{
    private const int Inet4Length = 16; // family, port, 4-byte address, 8 bytes of zero padding
    private const int Inet6Length = 28; // family, port, flow info, 16-byte address, scope id
    private const int PortOffset = 2;
    private const int Inet4AddressOffset = 4;
    private const int Inet6AddressOffset = 8;
    private const int Inet6ScopeOffset = 24;

    /// <summary>The socket() domain for <paramref name="endpoint"/>: AF_INET or AF_INET6.</summary>
    public static int DomainOf(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? Libc.AfInet6 : Libc.AfInet;

    public static byte[] Of(IPEndPoint endpoint)
    {
        var v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new byte[v6 ? Inet6Length : Inet4Length];
        BinaryPrimitives.WriteUInt16LittleEndian(address, (ushort)DomainOf(endpoint)); // x86-64 and arm64 Linux are little-endian
        BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(PortOffset), (ushort)endpoint.Port);
        if (v6)
        {
            endpoint.Address.TryWriteBytes(address.AsSpan(Inet6AddressOffset), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(address.AsSpan(Inet6ScopeOffset), (uint)endpoint.Address.ScopeId);
        }
        else
        {
            endpoint.Address.TryWriteBytes(address.AsSpan(Inet4AddressOffset), out _);
        }

        return address;
    }
}

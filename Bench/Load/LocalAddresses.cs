using System.Net;

namespace ActorEcho.Bench.Load;

/// <summary>
/// Source addresses 127.0.0.2, 127.0.0.3, ... for client sockets. Each local address has its own
/// ephemeral port range (about 28,000 ports with Linux defaults), so binding clients to rotating
/// addresses before connect lets one generator hold more than 60,000 connections to one server port.
/// </summary>
internal static class LocalAddresses
{
    /// <summary>
    /// Connections per source address: a sixth of the default ephemeral range. connect's search for a free port
    /// slows as an address's range fills: 19,000 connections took 4.6 s from one address at 20,000 per address,
    /// 1.0-1.5 s at 5,000 (the generator, not the server, was the bottleneck). 253 addresses still hold 1.26 M.
    /// </summary>
    public const int PerAddress = 5_000;

    /// <summary>The local endpoint for connection <paramref name="index"/> (port 0: the kernel picks).</summary>
    public static IPEndPoint For(int index)
    {
        var host = 2 + index / PerAddress;
        if (host > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "more connections than 127.0.0.2-254 can source");
        }

        return new IPEndPoint(new IPAddress(new byte[] { 127, 0, 0, (byte)host }), 0);
    }
}

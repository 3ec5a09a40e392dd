using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Bench.Load;

namespace ActorEcho.Tests.Bench;

public sealed class KernelTimestampsTests
{
    private const int MaxUnstampedExchanges = 100;

    [Fact]
    public async Task Recvmsg_returns_the_bytes_with_the_kernels_realtime_stamp_of_their_arrival_then_the_end_of_stream()
    {
        if (!KernelTimestamps.Supported)
        {
            return; // elsewhere the fan-out run falls back to the Stopwatch; FanoutModeTests covers that path
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync();
        Assert.True(KernelTimestamps.TryEnable(client));
        var buffer = new byte[64];

        Assert.Equal(KernelTimestamps.WouldBlock, KernelTimestamps.Receive(client, buffer, out var nothing));
        Assert.Null(nothing);

        // The first segments after TryEnable can come unstamped (seen in about 1 run in 6: Linux switches receive
        // stamping on for the whole system lazily when a first socket asks), and recvmsg then carries no stamp at
        // all. Each attempt is one full exchange; a stamped one must come soon, with a stamp inside its exchange.
        long? arrival = null;
        long before = 0, after = 0;
        for (var attempt = 0; attempt < MaxUnstampedExchanges && arrival is null; attempt++)
        {
            before = KernelTimestamps.RealtimeNanoseconds();
            server.Send("ping\n"u8);
            await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None); // readable; the bytes stay queued
            var read = KernelTimestamps.Receive(client, buffer, out arrival);
            after = KernelTimestamps.RealtimeNanoseconds();
            Assert.Equal("ping\n", Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.NotNull(arrival);
        Assert.InRange(arrival.Value, before, after);

        server.Shutdown(SocketShutdown.Send);
        await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
        Assert.Equal(0, KernelTimestamps.Receive(client, buffer, out _));
    }
}

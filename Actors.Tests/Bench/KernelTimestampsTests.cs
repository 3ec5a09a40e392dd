using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Bench.Load;

namespace ActorEcho.Tests.Bench;

public sealed class KernelTimestampsTests
{
    // How long the kernel may take to switch stamping on; an exchange takes microseconds, so this bounds a bug only.
    private static readonly TimeSpan StampingSwitchedOnWithin = TimeSpan.FromSeconds(10);

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

        // Segments can come unstamped for a while after TryEnable: when no socket had stamping on, Linux switches it
        // on system-wide through deferred kernel work (netstamp_work), which a busy machine runs late; recvmsg then
        // carries no stamp at all. So exchange until one is stamped, and check that stamp falls inside its exchange.
        long? arrival = null;
        long before = 0, after = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (arrival is null && started.Elapsed < StampingSwitchedOnWithin)
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

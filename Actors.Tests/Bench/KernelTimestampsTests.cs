using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Bench.Load;

namespace ActorEcho.Tests.Bench;

public sealed class KernelTimestampsTests
{
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

        var before = KernelTimestamps.RealtimeNanoseconds();
        server.Send("ping\n"u8);
        await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None); // readable; the bytes stay queued
        var read = KernelTimestamps.Receive(client, buffer, out var arrival);
        var after = KernelTimestamps.RealtimeNanoseconds();

        Assert.Equal("ping\n", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.NotNull(arrival);
        Assert.InRange(arrival.Value, before, after);

        server.Shutdown(SocketShutdown.Send);
        await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
        Assert.Equal(0, KernelTimestamps.Receive(client, buffer, out _));
    }
}

using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.TestKit.Protocols;
using Akka.IO;
using Akka.TestKit;
using Xunit.Abstractions;
using Endpoints = ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.TestKitTests;

/// <summary>A <see cref="ProtocolProbe"/> as the server protocol of a real loopback listener, driven by a client socket.</summary>
public abstract class ProtocolProbeTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_probe_hears_made_then_the_clients_bytes_and_its_send_reaches_the_client()
    {
        var probe = CreateTestProbe();
        using var client = await ConnectToProbe(probe);

        var made = probe.ExpectMsg<ProtocolProbe.Made>(Timeout);
        Assert.NotNull(made.Connection);
        Assert.Same(made.Connection, probe.LastSender);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, ((IPEndPoint)made.Protocol.Transport.GetPeer()).Port);

        await client.SendAsync("hello, probe"u8.ToArray());
        Assert.Equal("hello, probe", ReceiveText(probe, "hello, probe".Length));
        Assert.Same(made.Connection, probe.LastSender);

        made.Connection.Tell(new ProtocolProbe.Send(ByteString.FromString("and back")), null);
        Assert.Equal("and back"u8.ToArray(), await ReadExactly(client, "and back".Length));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Hangup_closes_cleanly_after_pending_writes_and_the_probe_hears_lost_with_connection_done()
    {
        var probe = CreateTestProbe();
        using var client = await ConnectToProbe(probe);
        var connection = probe.ExpectMsg<ProtocolProbe.Made>(Timeout).Connection!;

        connection.Tell(new ProtocolProbe.Send(ByteString.FromString("bye")), null);
        connection.Tell(new ProtocolProbe.Hangup(), null);

        Assert.Equal("bye"u8.ToArray(), await ReadToEnd(client));
        Assert.IsType<ConnectionDoneException>(probe.ExpectMsg<ProtocolProbe.Lost>(Timeout).Reason);
    }

    [Fact]
    public async Task Hangup_with_abort_resets_the_client()
    {
        var probe = CreateTestProbe();
        using var client = await ConnectToProbe(probe);
        var connection = probe.ExpectMsg<ProtocolProbe.Made>(Timeout).Connection!;

        connection.Tell(new ProtocolProbe.Hangup(Abort: true), null);

        var reset = await Assert.ThrowsAsync<SocketException>(() => ReadToEnd(client));
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.IsType<ConnectionAbortedException>(probe.ExpectMsg<ProtocolProbe.Lost>(Timeout).Reason);
    }

    [Fact]
    public async Task The_client_closing_is_lost_with_connection_done_after_its_last_bytes()
    {
        var probe = CreateTestProbe();
        using var client = await ConnectToProbe(probe);
        probe.ExpectMsg<ProtocolProbe.Made>(Timeout);

        await client.SendAsync("last"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("last", ReceiveText(probe, "last".Length));
        Assert.IsType<ConnectionDoneException>(probe.ExpectMsg<ProtocolProbe.Lost>(Timeout).Reason);
    }

    [Fact]
    public async Task Each_connection_gets_its_own_probe_protocol_and_connection_actor()
    {
        var probe = CreateTestProbe();
        var port = await Listen(probe);
        using var first = await Connect(port);
        var one = probe.ExpectMsg<ProtocolProbe.Made>(Timeout);
        using var second = await Connect(port);
        var two = probe.ExpectMsg<ProtocolProbe.Made>(Timeout);

        Assert.NotSame(one.Protocol, two.Protocol);
        Assert.NotEqual(one.Connection, two.Connection);
    }

    private async Task<Socket> ConnectToProbe(TestProbe probe) => await Connect(await Listen(probe));

    private async Task<EndPoint> Listen(TestProbe probe)
    {
        var port = await Endpoints.ServerFromString(Sys, "tcp:0:interface=127.0.0.1")
            .Listen(new Factory(() => new ProtocolProbe(probe.Ref)))
            .WaitAsync(Timeout);
        return port.LocalAddress;
    }

    private static async Task<Socket> Connect(EndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint).WaitAsync(Timeout);
        return socket;
    }

    // TCP may cut the bytes into any number of Data messages; the probe's test joins them.
    private static string ReceiveText(TestProbe probe, int length)
    {
        var received = ByteString.Empty;
        while (received.Count < length) received += probe.ExpectMsg<ProtocolProbe.Data>(Timeout).Bytes;
        return received.ToString();
    }

    private static async Task<byte[]> ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var deadline = new CancellationTokenSource(Timeout);
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, deadline.Token);
            if (n == 0) throw new IOException($"closed after {read} of {count} bytes");
            read += n;
        }

        return buffer;
    }

    private static async Task<byte[]> ReadToEnd(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, deadline.Token)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }
}

public sealed class ProtocolProbeTestsOnActorEcho(ITestOutputHelper output) : ProtocolProbeTests(output, TransportNames.ActorEcho);

public sealed class ProtocolProbeTestsOnAkkaIo(ITestOutputHelper output) : ProtocolProbeTests(output, TransportNames.AkkaIo);

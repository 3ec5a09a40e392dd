using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Baselines;
using ActorEcho.Tests.Protocols.Model;

namespace ActorEcho.Tests.Bench;

// `serve akka-io-echo|akka-io-qotd` in process on a port the OS picked: plain Akka.IO speaks the same bytes as the
// Kestrel baseline and ActorEcho, so compare's rows measure the same work.
public sealed class AkkaIoBaselineTests
{
    private static async Task<(IBaselineServer Server, IPEndPoint Endpoint)> StartAsync(string name)
    {
        var server = await ServeCommand.Servers[name](new ServeOptions(0)).WaitAsync(Net.Timeout);
        Assert.NotEqual(0, server.Port);
        return (server, new IPEndPoint(IPAddress.Loopback, server.Port));
    }

    [Fact]
    public async Task Echo_writes_back_every_byte_on_each_connection_in_order_until_the_client_closes()
    {
        var (server, endpoint) = await StartAsync("akka-io-echo");
        await using var _ = server;
        using var first = Net.Connect(endpoint);
        using var second = Net.Connect(endpoint);
        // Larger than one Akka.IO Received (its default frame is a few KiB): the echo spans several reads and writes.
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

        first.Send(payload);
        second.Send("second\n"u8);

        Assert.Equal("second\n"u8.ToArray(), Net.ReadExactly(second, 7));
        Assert.Equal(payload, Net.ReadExactly(first, payload.Length));
        first.Shutdown(SocketShutdown.Send);
        Assert.Empty(Net.ReadToEnd(first)); // the server closes after the client's FIN, cleanly (a reset would throw)
    }

    [Fact]
    public async Task Qotd_sends_the_kestrel_baselines_quote_then_closes_cleanly()
    {
        var (server, endpoint) = await StartAsync("akka-io-qotd");
        await using var _ = server;

        foreach (var __ in Enumerable.Range(0, 3))
        {
            using var client = Net.Connect(endpoint);
            Assert.Equal(QotdConnectionHandler.Quote, Net.ReadToEnd(client));
        }
    }

    [Fact]
    public async Task Stopping_the_server_releases_its_port()
    {
        var (server, endpoint) = await StartAsync("akka-io-echo");

        await server.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => socket.Connect(endpoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Chat_is_refused_by_name_and_by_protocol()
    {
        Assert.False(ServeCommand.Servers.ContainsKey("akka-io-chat"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AkkaIoServer.StartAsync(BaselineProtocol.Chat, 0));
    }
}

using Akka.Actor;
using Akka.IO;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>
/// Volume: a large transfer arrives whole and in order, and a hundred connections echo at once.
/// </summary>
public abstract class TransferConformance(ITestOutputHelper output, string? config) : TcpSpec(output, config)
{
    [Fact]
    public async Task Ten_MB_written_then_Close_arrive_whole_and_in_order()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        const int chunk = 64 * 1024;
        const int size = 10 * 1024 * 1024;
        var reading = Loopback.ReadUntilClosedAsync(c.Client);
        for (var offset = 0; offset < size; offset += chunk) c.Connection.Tell(Write(Loopback.Pattern(offset, chunk)), handler.Ref);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);

        var (data, reset) = await reading;

        Assert.False(reset);
        Assert.Equal(size, data.Length);
        Assert.Equal(-1, Loopback.FirstMismatch(data, 0));
        handler.ExpectMsg<Tcp.Closed>(Timeout);
    }

    [Fact]
    public async Task A_hundred_connections_echo_at_once()
    {
        var server = Sys.ActorOf(Props.Create(() => new EchoServer()));
        var (_, address) = Bind(server);
        const int clients = 100;

        var echoes = await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            using var client = await Loopback.ConnectAsync(address);
            var message = Loopback.Pattern(i * 7919, 4000 + i);
            await Loopback.SendAsync(client, message);
            return (Sent: message, Echoed: await Loopback.ReadExactlyAsync(client, message.Length));
        })).WaitAsync(Timeout);

        Assert.All(echoes, echo => Assert.Equal(echo.Sent, echo.Echoed));
    }

    /// <summary>Echoes each accepted connection in a child actor of its own.</summary>
    private sealed class EchoServer : ReceiveActor
    {
        public EchoServer()
        {
            Receive<Tcp.Bound>(_ => { });
            Receive<Tcp.Connected>(_ => Context.ActorOf(Props.Create(() => new Echo(Sender))));
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo(IActorRef connection)
        {
            connection.Tell(new Tcp.Register(Self), Self);
            Receive<Tcp.Received>(received => connection.Tell(Tcp.Write.Create(received.Data), Self));
            Receive<Tcp.ConnectionClosed>(_ => Context.Stop(Self));
        }
    }
}

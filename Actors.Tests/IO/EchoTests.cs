using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

public abstract class EchoTests(ITestOutputHelper output, string? config) : TcpTestKit(output, config)
{
    private (Socket Client, IActorRef Connection, TestKit.TestProbe Events) EchoConnection()
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        var client = RawConnect(endpoint);
        var events = CreateTestProbe();
        var connection = AcceptAndRegister(handler, Sys.ActorOf(Props.Create(() => new EchoHandler(events.Ref))));
        return (client, connection, events);
    }

    [Fact]
    public void One_byte_comes_back_intact()
    {
        var (client, _, _) = EchoConnection();
        using (client)
        {
            client.Send([42]);
            Assert.Equal([42], ReadExactly(client, 1));
        }
    }

    [Fact]
    public async Task Ten_megabytes_come_back_intact()
    {
        var (client, _, _) = EchoConnection();
        using (client)
        {
            var data = Pattern(10 * 1024 * 1024);
            var sending = Task.Run(() => client.Send(data)); // send and read at once, or both sides' buffers fill
            var echoed = ReadExactly(client, data.Length);
            await sending;
            Assert.True(data.AsSpan().SequenceEqual(echoed), "the echoed bytes differ");
        }
    }

    [Fact]
    public async Task A_thousand_concurrent_connections_each_echo()
    {
        var events = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new EchoHandler(events.Ref)));
        // The bind handler registers every connection it is told about with the shared echo actor.
        var (_, endpoint) = Bind(Sys.ActorOf(Props.Create(() => new Registrar(echo))));

        const int clients = 1000;
        var sockets = new Socket[clients];
        for (var i = 0; i < clients; i++)
        {
            sockets[i] = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await sockets[i].ConnectAsync(endpoint);
        }

        var exchanges = sockets.Select(async (socket, i) =>
        {
            var message = System.Text.Encoding.ASCII.GetBytes($"client {i:D4}");
            await socket.SendAsync(message);
            var reply = new byte[message.Length];
            var read = 0;
            while (read < reply.Length)
            {
                var n = await socket.ReceiveAsync(reply.AsMemory(read));
                if (n == 0) throw new IOException($"client {i} was closed after {read} bytes");
                read += n;
            }

            return reply.AsSpan().SequenceEqual(message);
        });
        var results = await Task.WhenAll(exchanges).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var socket in sockets) socket.Dispose();
        Assert.All(results, Assert.True);
    }

    /// <summary>Registers every accepted connection with one shared handler.</summary>
    private sealed class Registrar(IActorRef handler) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Tcp.Connected) return false;
            Sender.Tell(new Tcp.Register(handler), Self);
            return true;
        }
    }

    [Fact]
    public void Received_chunks_are_never_larger_than_max_received_chunk()
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        using var client = RawConnect(endpoint);
        AcceptAndRegister(handler, TestActor);
        client.Send(new byte[300 * 1024]);
        var total = 0;
        while (total < 300 * 1024)
        {
            var chunk = ExpectMsg<Tcp.Received>().Data.Length;
            Assert.InRange(chunk, 1, 64 * 1024);
            total += chunk;
        }
    }
}

/// <summary>The tests above on the default readiness: the epoll reactor on Linux.</summary>
public sealed class EchoTestsOnDefaultReadiness(ITestOutputHelper output) : EchoTests(output, null);

/// <summary>The tests above on .NET's socket engine, the readiness every other platform uses.</summary>
public sealed class EchoTestsOnSocketEvents(ITestOutputHelper output) : EchoTests(output, Readiness.SocketEvents);

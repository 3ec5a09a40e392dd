using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.Protocols.Model;
using ActorEcho.Tests.Protocols.Sockets;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// Every byte a protocol writes arrives, in order, followed by a clean FIN, on either transport; Akka.IO 1.5.75's
/// connection loses the bytes and resets the peer when a Write and a Close reach it before its handler has registered
/// (AKKA.md, edge 1). Echoes of 1 B and 1 MiB, and a thousand connections open at once.
/// </summary>
public abstract class DeliveryTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    [Fact]
    public async Task A_protocol_that_writes_and_closes_in_ConnectionMade_delivers_every_byte_then_a_clean_FIN()
    {
        const int Connections = 50;
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p =>
            {
                // Several writes, the close, and one write after it: everything before the close goes out.
                p.Transport.Write(Pattern(0, 10));
                p.Transport.Write(Pattern(10, 100_000));
                p.Transport.LoseConnection();
                p.Transport.Write(Pattern(100_010, 10));
            },
        }));

        // Many at once, so the transport's first messages race the registration on some of them if they can.
        var clients = Enumerable.Range(0, Connections).Select(_ => Net.Connect(endpoint)).ToList();
        try
        {
            // A thread per blocking reader: fifty blocking reads on the thread pool would starve the actor system under
            // test of the very threads it needs, and on a loaded run the wait below then times out.
            var read = await Task.WhenAll(clients.Select(ReadUntilClosedOnOwnThread)).WaitAsync(Net.Timeout);
            foreach (var (data, reset) in read)
            {
                Assert.False(reset, "the peer was reset instead of closed");
                Assert.Equal(100_020, data.Length);
                Assert.Equal(-1, FirstMismatch(data, 0));
            }
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task Ten_megabytes_written_then_LoseConnection_arrive_whole_and_in_order()
    {
        const int Piece = 1024 * 1024;
        const int Pieces = 10;
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p =>
            {
                for (var i = 0; i < Pieces; i++) p.Transport.Write(Pattern((long)i * Piece, Piece));
                p.Transport.LoseConnection();
            },
        }));
        using var client = Net.Connect(endpoint);

        var (data, reset) = ReadUntilClosed(client);

        Assert.False(reset, "the peer was reset instead of closed");
        Assert.Equal(Pieces * Piece, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024 * 1024)]
    public async Task An_echo_round_trip_returns_exactly_what_was_sent(int size)
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<Echo>());
        using var client = Net.Connect(endpoint);
        var payload = Pattern(7, size);

        // Sent while reading, neither side must hold it all; asynchronously, so no pool thread waits on the echo.
        var sending = client.SendAsync(payload);
        var echoed = Net.ReadExactly(client, size);
        await sending.WaitAsync(Net.Timeout);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal(payload, echoed);
        Assert.Empty(Net.ReadToEnd(client)); // nothing more, and our FIN is answered with a clean close
    }

    [Fact]
    public async Task An_echo_serves_one_thousand_concurrent_connections()
    {
        const int Count = 1000;
        var factory = new QueryableFactory(() => new Echo());
        var (_, endpoint) = await Net.Listen(Sys, factory);
        var clients = new List<Socket>(Count);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                clients.Add(client);
                await client.ConnectAsync(endpoint).WaitAsync(Net.Timeout);
            }

            // All open at once, each echoed its own bytes.
            var replies = await Task.WhenAll(clients.Select(async (client, i) =>
            {
                var message = System.Text.Encoding.ASCII.GetBytes($"client {i}");
                await client.SendAsync(message).WaitAsync(Net.Timeout);
                var reply = new byte[message.Length];
                for (var read = 0; read < reply.Length;)
                {
                    var n = await client.ReceiveAsync(reply.AsMemory(read)).AsTask().WaitAsync(Net.Timeout);
                    if (n == 0) throw new IOException($"client {i} was closed after {read} bytes");
                    read += n;
                }

                return System.Text.Encoding.ASCII.GetString(reply);
            }));

            for (var i = 0; i < Count; i++) Assert.Equal($"client {i}", replies[i]);
            Assert.Equal(Count, await factory.Ask(f => f.LiveConnections));
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }
}

public sealed class DeliveryTestsOnActorEcho(ITestOutputHelper output) : DeliveryTests(output, TransportNames.ActorEcho);

public sealed class DeliveryTestsOnAkkaIo(ITestOutputHelper output) : DeliveryTests(output, TransportNames.AkkaIo);

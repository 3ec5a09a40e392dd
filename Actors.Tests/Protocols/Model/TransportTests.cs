using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using ActorEcho.IO;
using ActorEcho.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

public abstract class TransportTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private async Task<IPEndPoint> Serve(Func<Protocol> protocol) => (await Net.Listen(Sys, new Factory(protocol))).Endpoint;

    [Fact]
    public async Task Our_LoseConnection_is_ConnectionDone()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p => p.Transport.LoseConnection(),
            Lost = (_, reason) => TestActor.Tell(reason.GetType().Name, null),
        });
        using var client = Net.Connect(endpoint);
        Assert.Empty(Net.ReadToEnd(client));
        ExpectMsg(nameof(ConnectionDoneException));
    }

    [Fact]
    public async Task A_reset_by_the_peer_is_ConnectionLost()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = _ => TestActor.Tell("made", null),
            Lost = (_, reason) => TestActor.Tell(reason.GetType().Name, null),
        });
        var client = Net.Connect(endpoint);
        ExpectMsg("made");
        client.LingerState = new LingerOption(true, 0);
        client.Close();
        ExpectMsg(nameof(ConnectionLostException));
    }

    [Fact]
    public async Task An_exception_in_a_callback_is_the_reason_and_the_peer_sees_a_clean_close()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Data = (_, _) => throw new FormatException("bad input"),
            Lost = (_, reason) => TestActor.Tell(reason, null),
        });
        using var client = Net.Connect(endpoint);
        client.Send("x"u8);
        Assert.Empty(Net.ReadToEnd(client)); // EOF, not a reset
        Assert.Equal("bad input", ExpectMsg<FormatException>().Message);
    }

    [Fact]
    public async Task Write_after_the_connection_is_lost_does_nothing()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Lost = (p, _) =>
            {
                p.Transport.Write("too late"u8); // must neither throw nor send
                TestActor.Tell("lost", null);
            },
        });
        using (var client = Net.Connect(endpoint)) client.Shutdown(SocketShutdown.Send);
        ExpectMsg("lost");
    }

    [Fact]
    public async Task Writes_after_LoseConnection_are_still_sent_then_a_clean_close()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.Write(new byte[1_000_000]);
                p.Transport.LoseConnection();
                p.Transport.Write(new byte[10]);
            },
        });
        using var client = Net.Connect(endpoint);
        Assert.Equal(1_000_010, Net.ReadToEnd(client).Length);
    }

    [Fact]
    public async Task AbortConnection_drops_pending_bytes_resets_and_reports_lost_once_on_a_later_turn()
    {
        var endpoint = await Serve(() =>
        {
            var insideAbort = false;
            return new ScriptedProtocol
            {
                Made = p =>
                {
                    p.Transport.Write(new byte[100_000]);
                    insideAbort = true;
                    p.Transport.AbortConnection();
                    p.Transport.AbortConnection();
                    p.Transport.LoseConnection();
                    insideAbort = false;
                },
                Lost = (_, reason) => TestActor.Tell((reason.GetType().Name, insideAbort), null),
            };
        });
        using var client = Net.Connect(endpoint);
        var error = Assert.Throws<SocketException>(() => Net.ReadToEnd(client));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.Equal((nameof(ConnectionAbortedException), false), ExpectMsg<(string, bool)>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // one ConnectionLost
    }

    [Fact]
    public async Task Half_close_runs_in_Twisteds_order_on_both_sides()
    {
        var server = CreateTestProbe();
        var client = CreateTestProbe();
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Data = (_, data) => server.Ref.Tell("server:data:" + Encoding.ASCII.GetString(data), null),
            ReadLost = p =>
            {
                server.Ref.Tell("server:readLost", null);
                p.Transport.Write("reply"u8);
                p.Transport.LoseConnection();
            },
            Lost = (_, reason) => server.Ref.Tell("server:lost:" + reason.GetType().Name, null),
        });

        var connected = ActorEcho.Protocols.Endpoints.Endpoints.ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}").Connect(new ClientFactory(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.Write("req"u8);
                p.Transport.LoseWriteConnection();
            },
            WriteLost = _ => client.Ref.Tell("client:writeLost", null),
            Data = (_, data) => client.Ref.Tell("client:data:" + Encoding.ASCII.GetString(data), null),
            ReadLost = p =>
            {
                client.Ref.Tell("client:readLost", null);
                p.Transport.LoseConnection();
            },
            Lost = (_, reason) => client.Ref.Tell("client:lost:" + reason.GetType().Name, null),
        }));
        await connected.WaitAsync(Net.Timeout);

        client.ExpectMsg("client:writeLost");
        server.ExpectMsg("server:data:req");
        server.ExpectMsg("server:readLost");
        server.ExpectMsg("server:lost:ConnectionDoneException");
        client.ExpectMsg("client:data:reply");
        client.ExpectMsg("client:readLost");
        client.ExpectMsg("client:lost:ConnectionDoneException");
    }

    [Fact]
    public async Task A_streaming_producer_pauses_strictly_above_64_KiB_and_resumes_when_drained()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.RegisterProducer(new ReportingProducer(s => TestActor.Tell(s, null)), streaming: true);
                p.Transport.Write(new byte[65_536]);
                TestActor.Tell("wrote 65536", null);
                p.Transport.Write(new byte[1]);
                TestActor.Tell("wrote 1 more", null);
                try
                {
                    p.Transport.RegisterProducer(new ReportingProducer(_ => { }), streaming: true);
                }
                catch (InvalidOperationException)
                {
                    TestActor.Tell("second producer refused", null);
                }
            },
        });
        using var client = Net.Connect(endpoint);
        ExpectMsg("wrote 65536"); // no pause at exactly 64 KiB
        ExpectMsg("paused");
        ExpectMsg("wrote 1 more");
        ExpectMsg("second producer refused");
        Assert.Equal(65_537, Net.ReadExactly(client, 65_537).Length);
        ExpectMsg("resumed");
    }

    private sealed class ChunkPuller(ITransport transport, int chunks, Action<string> report) : IPullProducer
    {
        private int _sent;

        public void ResumeProducing()
        {
            report($"resume {_sent}");
            if (_sent == chunks)
            {
                transport.UnregisterProducer();
                transport.LoseConnection();
                return;
            }

            _sent++;
            transport.Write(new byte[1000]);
        }

        public void StopProducing()
        {
        }
    }

    [Fact]
    public async Task A_pull_producer_is_resumed_each_time_the_buffer_empties()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p => p.Transport.RegisterProducer(new ChunkPuller(p.Transport, 3, s => TestActor.Tell(s, null)), streaming: false),
        });
        using var client = Net.Connect(endpoint);
        Assert.Equal(3000, Net.ReadToEnd(client).Length);
        ExpectMsg("resume 0");
        ExpectMsg("resume 1");
        ExpectMsg("resume 2");
        ExpectMsg("resume 3");
    }

    [Fact]
    public async Task LoseConnection_with_a_producer_registered_closes_only_after_the_producer_unregisters()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.RegisterProducer(new ReportingProducer(_ => { }), streaming: true);
                p.Transport.LoseConnection(); // as the shutdown's drain does, with the response still being produced
                // The producer's last piece comes on a later turn, when nothing is pending and the close could go ahead.
                p.Clock.ScheduleOnce(TimeSpan.FromMilliseconds(10), () =>
                {
                    p.Transport.Write("the rest"u8);
                    p.Transport.UnregisterProducer();
                });
            },
        });
        using var client = Net.Connect(endpoint);
        Assert.Equal("the rest", Encoding.ASCII.GetString(Net.ReadToEnd(client)));
    }

    [Fact]
    public async Task Pausing_the_transport_stops_reading_and_a_FIN_meanwhile_arrives_after_resume()
    {
        ScriptedProtocol? server = null;
        long received = 0;
        var endpoint = await Serve(() => server = new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.PauseProducing();
                TestActor.Tell("paused", null);
            },
            Data = (_, data) => received += data.Length,
            Lost = (_, reason) => TestActor.Tell((Volatile.Read(ref received), reason.GetType().Name), null),
        });
        using var client = Net.Connect(endpoint);
        ExpectMsg("paused");

        client.Blocking = false;
        var chunk = new byte[64 * 1024];
        long written = 0;
        const long limit = 256L * 1024 * 1024;
        while (written < limit)
        {
            var n = client.Send(chunk, 0, chunk.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) break;
            written += n;
        }

        Assert.True(written < limit, "the client was never pushed back");
        client.Shutdown(SocketShutdown.Send);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        server!.Transport.ResumeProducing(); // from the test thread: carried to the connection's turn
        Assert.Equal((written, nameof(ConnectionDoneException)), ExpectMsg<(long, string)>(Net.Timeout));
    }

    [Fact]
    public async Task A_read_hands_at_most_64_KiB_to_one_DataReceived()
    {
        var largest = 0;
        long total = 0;
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Data = (_, data) =>
            {
                largest = Math.Max(largest, data.Length);
                total += data.Length;
                if (total == 1_000_000) TestActor.Tell(largest, null);
            },
        });
        using var client = Net.Connect(endpoint);
        client.Send(new byte[1_000_000]);
        Assert.InRange(ExpectMsg<int>(Net.Timeout), 1, 64 * 1024);
    }

    [Fact]
    public async Task Peer_and_host_addresses_and_socket_options_are_the_sockets_own()
    {
        var endpoint = await Serve(() => new ScriptedProtocol
        {
            Made = p =>
            {
                var defaultNoDelay = p.Transport.GetTcpNoDelay();
                p.Transport.SetTcpNoDelay(false);
                p.Transport.SetTcpKeepAlive(true);
                TestActor.Tell((p.Transport.GetPeer(), p.Transport.GetHost(), defaultNoDelay, p.Transport.GetTcpNoDelay(), p.Transport.GetTcpKeepAlive()), null);
            },
        });
        using var client = Net.Connect(endpoint);
        var (peer, host, defaultNoDelay, noDelay, keepAlive) = ExpectMsg<(EndPoint, EndPoint, bool, bool, bool)>();
        Assert.Equal(client.LocalEndPoint, peer);
        Assert.Equal(endpoint, host);
        Assert.True(defaultNoDelay); // reference.conf turns Nagle off
        Assert.False(noDelay);
        Assert.True(keepAlive);
    }

    [Fact]
    public async Task Writes_from_another_thread_are_carried_to_the_connection()
    {
        ScriptedProtocol? server = null;
        var endpoint = await Serve(() => server = new ScriptedProtocol { Made = _ => TestActor.Tell("made", null) });
        using var client = Net.Connect(endpoint);
        ExpectMsg("made");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => server!.Transport.Write(new byte[250]))));
        Assert.Equal(1000, Net.ReadExactly(client, 1000).Length);
    }
}

public sealed class TransportTestsOnActorEcho(ITestOutputHelper output) : TransportTests(output, TransportNames.ActorEcho);

public sealed class TransportTestsOnAkkaIo(ITestOutputHelper output) : TransportTests(output, TransportNames.AkkaIo);

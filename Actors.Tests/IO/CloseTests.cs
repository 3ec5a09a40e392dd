using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

public abstract class CloseTests(ITestOutputHelper output, string? config) : TcpTestKit(output, config)
{
    /// <summary>A raw client, and the server side of it registered with the test actor as handler.</summary>
    private (Socket Client, IActorRef Connection) Accepted(bool keepOpenOnPeerClosed = false)
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        var client = RawConnect(endpoint);
        return (client, AcceptAndRegister(handler, TestActor, keepOpenOnPeerClosed));
    }

    [Fact]
    public void Close_with_10_MB_pending_delivers_all_of_it_before_the_FIN()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            var data = Pattern(10 * 1024 * 1024);
            connection.Tell(new Tcp.Write(data));
            connection.Tell(Tcp.Close.Instance);
            var read = ReadToEnd(client); // ends at the FIN
            Assert.True(data.AsSpan().SequenceEqual(read), $"read {read.Length} of {data.Length} bytes, or they differ");
            ExpectMsg<Tcp.Closed>();
            ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // exactly one close event
        }
    }

    [Fact]
    public void Peer_FIN_gives_PeerClosed_after_every_Received()
    {
        var (client, _) = Accepted();
        client.Send("last words"u8);
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal("last words"u8.ToArray(), ReceiveAll(10));
        ExpectMsg<Tcp.PeerClosed>();
        Assert.Empty(ReadToEnd(client)); // and the server closed its side too
        client.Dispose();
    }

    [Fact]
    public void ConfirmedClose_half_closes_and_waits_for_the_peers_FIN()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            connection.Tell(new Tcp.Write("bye"u8.ToArray()));
            connection.Tell(Tcp.ConfirmedClose.Instance);
            Assert.Equal("bye"u8.ToArray(), ReadToEnd(client)); // our FIN arrived after the data
            ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // still waiting for the peer's FIN
            client.Send("reply after your FIN"u8);
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal("reply after your FIN", System.Text.Encoding.ASCII.GetString(ReceiveAll(20)));
            ExpectMsg<Tcp.ConfirmedClosed>();
        }
    }

    [Fact]
    public void Keep_open_on_peer_closed_stays_writable_after_the_peers_FIN()
    {
        var (client, connection) = Accepted(keepOpenOnPeerClosed: true);
        using (client)
        {
            client.Send("req"u8);
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal("req", System.Text.Encoding.ASCII.GetString(ReceiveAll(3)));
            ExpectMsg<Tcp.ReadClosed>();
            connection.Tell(new Tcp.Write("reply"u8.ToArray()));
            connection.Tell(Tcp.Close.Instance);
            Assert.Equal("reply"u8.ToArray(), ReadToEnd(client));
            ExpectMsg<Tcp.Closed>();
            ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public void Abort_drops_pending_writes_and_the_peer_sees_a_reset()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            connection.Tell(Tcp.Abort.Instance);
            ExpectMsg<Tcp.Aborted>();
            var error = Assert.Throws<SocketException>(() => ReadToEnd(client));
            Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        }
    }

    [Fact]
    public void A_peer_reset_gives_ErrorClosed_reset_by_peer()
    {
        var (client, _) = Accepted();
        client.LingerState = new LingerOption(true, 0);
        client.Close(); // RST
        var closed = ExpectMsg<Tcp.ErrorClosed>();
        Assert.Equal(Tcp.ConnectionErrorKind.ResetByPeer, closed.Cause.Kind);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_write_over_the_bound_is_refused_with_CommandFailed()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            var tooBig = new Tcp.Write(new byte[17 * 1024 * 1024]); // reference.conf bounds the queue at 16 MiB
            connection.Tell(tooBig);
            var failed = ExpectMsg<Tcp.CommandFailed>();
            Assert.Same(tooBig, failed.Cmd);
            Assert.Contains("max-pending-write-bytes", failed.Cause.Message);
            // The connection is still usable.
            connection.Tell(new Tcp.Write("ok"u8.ToArray()));
            Assert.Equal("ok"u8.ToArray(), ReadExactly(client, 2));
        }
    }

    [Fact]
    public void A_write_after_close_is_refused_with_CommandFailed()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            connection.Tell(Tcp.Close.Instance);
            ExpectMsg<Tcp.Closed>();
            var late = new Tcp.Write("late"u8.ToArray());
            connection.Tell(late);
            Assert.Same(late, ExpectMsg<Tcp.CommandFailed>().Cmd);
        }
    }

    [Fact]
    public void Write_acks_arrive_once_the_bytes_are_handed_to_the_os()
    {
        var (client, connection) = Accepted();
        using (client)
        {
            connection.Tell(new Tcp.Write("one"u8.ToArray(), "ack-1"));
            connection.Tell(new Tcp.WriteSequence(["tw"u8.ToArray(), "o"u8.ToArray()], "ack-2"));
            ExpectMsg("ack-1");
            ExpectMsg("ack-2");
            Assert.Equal("onetwo"u8.ToArray(), ReadExactly(client, 6));
        }
    }

    [Fact]
    public void When_the_handler_dies_the_connection_closes()
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        using var client = RawConnect(endpoint);
        var doomed = Sys.ActorOf(Props.Create(() => new EchoHandler(TestActor)));
        AcceptAndRegister(handler, doomed);
        Sys.Stop(doomed);
        Assert.Empty(ReadToEnd(client)); // a clean close
    }

    private byte[] ReceiveAll(int count)
    {
        using var all = new MemoryStream();
        while (all.Length < count) all.Write(ExpectMsg<Tcp.Received>().Data.Span);
        return all.ToArray();
    }
}

/// <summary>The tests above on the default readiness: the epoll reactor on Linux.</summary>
public sealed class CloseTestsOnDefaultReadiness(ITestOutputHelper output) : CloseTests(output, null);

/// <summary>The tests above on .NET's socket engine, the readiness every other platform uses.</summary>
public sealed class CloseTestsOnSocketEvents(ITestOutputHelper output) : CloseTests(output, Readiness.SocketEvents);

using System.Net.Sockets;
using Akka.Actor;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>
/// One accepted connection's life under a plain Akka.IO handler: Register and what may come before it, writes and
/// their acks, the four ways to close, the peer's FIN with and without keep-open, reading in chunks and on demand.
/// </summary>
public abstract class ConnectionConformance(ITestOutputHelper output, string? config) : TcpSpec(output, config)
{
    /// <summary>The largest Received the manager is configured to deliver.</summary>
    protected abstract int ChunkLimit { get; }

    [Fact]
    public Task A_Write_and_Close_sent_before_Register_are_carried_out_in_order_after_it() => WriteAndCloseBeforeRegister();

    protected virtual async Task WriteAndCloseBeforeRegister()
    {
        var (handler, c) = await AcceptOne(register: false);
        using var _ = c;
        c.Connection.Tell(Write("early"), handler.Ref);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);
        c.Connection.Tell(new Tcp.Register(handler.Ref), handler.Ref);

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);

        Assert.Equal("early", Text(data));
        Assert.False(reset);
        handler.ExpectMsg<Tcp.Closed>(Timeout);
    }

    [Fact]
    public Task Acks_come_in_write_order_and_an_empty_write_is_acked_in_its_place() => AcksInOrder();

    protected virtual async Task AcksInOrder()
    {
        var (handler, c) = await AcceptOne(smallWindow: true);
        using var _ = c;
        // More than the kernel takes at once from a peer that does not read yet: the first ack has to wait for the peer.
        const int big = 8 * 1024 * 1024;
        c.Connection.Tell(Write(Loopback.Pattern(0, big), new Ack("big")), handler.Ref);
        c.Connection.Tell(Write([], new Ack("empty")), handler.Ref);
        c.Connection.Tell(Write(Loopback.Pattern(big, 10), new Ack("tail")), handler.Ref);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);

        var reading = Loopback.ReadUntilClosedAsync(c.Client);

        Assert.Equal(new Ack("big"), handler.ExpectMsg<Ack>(Timeout));
        Assert.Equal(new Ack("empty"), handler.ExpectMsg<Ack>(Timeout));
        Assert.Equal(new Ack("tail"), handler.ExpectMsg<Ack>(Timeout));
        handler.ExpectMsg<Tcp.Closed>(Timeout);
        var (data, reset) = await reading;
        Assert.False(reset);
        Assert.Equal(big + 10, data.Length);
        Assert.Equal(-1, Loopback.FirstMismatch(data, 0));
    }

    [Fact]
    public Task Acks_of_small_and_empty_writes_interleaved_come_in_write_order() => InterleavedAcks();

    protected virtual async Task InterleavedAcks()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        const int writes = 200;
        for (var i = 0; i < writes; i++) c.Connection.Tell(Write(i % 2 == 0 ? Loopback.Pattern(i, 100) : [], new Ack(i.ToString())), handler.Ref);
        var reading = Loopback.ReadExactlyAsync(c.Client, writes / 2 * 100);

        var acks = Enumerable.Range(0, writes).Select(_ => int.Parse(handler.ExpectMsg<Ack>(Timeout).Name)).ToList();

        Assert.Equal(Enumerable.Range(0, writes), acks);
        await reading;
    }

    [Fact]
    public async Task Close_sends_what_is_pending_then_FIN_and_the_handler_gets_Closed()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        c.Connection.Tell(Write("bye"), handler.Ref);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);

        Assert.Equal("bye", Text(data));
        Assert.False(reset);
        handler.ExpectMsg<Tcp.Closed>(Timeout);
    }

    [Fact]
    public async Task Abort_resets_the_peer_and_the_handler_gets_Aborted()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        c.Connection.Tell(Tcp.Abort.Instance, handler.Ref);

        handler.ExpectMsg<Tcp.Aborted>(Timeout);
        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);
        Assert.Empty(data);
        Assert.True(reset, "the peer read an end of stream, not ConnectionReset");
    }

    [Fact]
    public async Task ConfirmedClose_half_closes_keeps_reading_and_ends_with_ConfirmedClosed_after_the_peer_FIN()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        c.Connection.Tell(Write("last"), handler.Ref);
        c.Connection.Tell(Tcp.ConfirmedClose.Instance, handler.Ref);

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client); // our FIN: end of stream for the peer
        Assert.Equal("last", Text(data));
        Assert.False(reset);

        await Loopback.SendAsync(c.Client, "still here"u8.ToArray()); // the peer's half is still open
        Assert.Equal("still here", Text(ReceiveBytes(handler, 10).SelectMany(b => b).ToArray()));
        c.Client.Shutdown(SocketShutdown.Send);
        handler.ExpectMsg<Tcp.ConfirmedClosed>(Timeout);
    }

    [Fact]
    public async Task With_keepOpenOnPeerClosed_PeerClosed_arrives_and_the_connection_stays_writable_until_Close()
    {
        var (handler, c) = await AcceptOne(keepOpenOnPeerClosed: true);
        using var _ = c;
        c.Client.Shutdown(SocketShutdown.Send);
        handler.ExpectMsg<Tcp.PeerClosed>(Timeout);

        c.Connection.Tell(Write("after your FIN"), handler.Ref);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);
        Assert.Equal("after your FIN", Text(data));
        Assert.False(reset);
        handler.ExpectMsg<Tcp.Closed>(Timeout);
    }

    [Fact]
    public async Task Without_keepOpenOnPeerClosed_PeerClosed_is_the_close_event()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        c.Client.Shutdown(SocketShutdown.Send);

        handler.ExpectMsg<Tcp.PeerClosed>(Timeout);
        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);
        Assert.Empty(data);
        Assert.False(reset);
    }

    [Fact]
    public Task A_handler_that_stops_gets_its_pending_writes_flushed_and_a_FIN_sent() => HandlerStops();

    protected virtual async Task HandlerStops()
    {
        var (handler, c) = await AcceptOne(smallWindow: true);
        using var _ = c;
        const int size = 4 * 1024 * 1024; // more than the kernel takes from a peer not reading yet: some is still queued
        c.Connection.Tell(Write(Loopback.Pattern(0, size)), handler.Ref);
        Sys.Stop(handler.Ref); // its Terminated reaches the connection after the Write, which is already in its mailbox

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client);

        Assert.False(reset);
        Assert.Equal(size, data.Length);
        Assert.Equal(-1, Loopback.FirstMismatch(data, 0));
    }

    [Fact]
    public Task A_connection_never_registered_is_closed_at_the_register_timeout() => RegisterTimeout();

    protected virtual async Task RegisterTimeout()
    {
        var (_, c) = await AcceptOne(register: false);
        using var _ = c;

        var (data, reset) = await Loopback.ReadUntilClosedAsync(c.Client); // returns at the close, bounded by Loopback.Timeout

        Assert.Empty(data);
        Assert.False(reset); // a polite FIN: the peer did nothing wrong
    }

    [Fact]
    public async Task Received_chunks_are_at_most_the_configured_size_and_carry_every_byte_in_order()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        const int size = 200 * 1024;
        await Loopback.SendAsync(c.Client, Loopback.Pattern(0, size));

        var chunks = ReceiveBytes(handler, size);

        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, ChunkLimit));
        var all = chunks.SelectMany(b => b).ToArray();
        Assert.Equal(size, all.Length);
        Assert.Equal(-1, Loopback.FirstMismatch(all, 0));
    }

    [Fact]
    public async Task In_pull_mode_nothing_is_read_before_ResumeReading_and_each_ResumeReading_gives_one_Received()
    {
        var handler = CreateTestProbe();
        var (listener, address) = Bind(handler.Ref, pullMode: true);
        listener.Tell(new Tcp.ResumeAccepting(1), handler.Ref);
        using var c = await Accept(handler, address);
        c.Connection.Tell(new Tcp.Register(handler.Ref), handler.Ref);
        await Loopback.SendAsync(c.Client, "first"u8.ToArray());
        handler.ExpectNoMsg(Quiet);

        c.Connection.Tell(Tcp.ResumeReading.Instance, handler.Ref);
        Assert.Equal("first", Text(handler.ExpectMsg<Tcp.Received>(Timeout).Data.ToArray()));
        await Loopback.SendAsync(c.Client, "second"u8.ToArray());
        handler.ExpectNoMsg(Quiet);

        c.Connection.Tell(Tcp.ResumeReading.Instance, handler.Ref);
        Assert.Equal("second", Text(handler.ExpectMsg<Tcp.Received>(Timeout).Data.ToArray()));
    }

    [Fact]
    public Task After_SuspendReading_nothing_more_is_read_until_ResumeReading() => SuspendReading();

    protected virtual async Task SuspendReading()
    {
        var (handler, c) = await AcceptOne();
        using var _ = c;
        await SuspendAndSendLate(handler, c);

        handler.ExpectNoMsg(Quiet);
        c.Connection.Tell(Tcp.ResumeReading.Instance, handler.Ref);
        Assert.Equal("late", Text(handler.ExpectMsg<Tcp.Received>(Timeout).Data.ToArray()));
    }

    /// <summary>Reads "early", suspends reading, waits until the connection has taken the suspend, then the peer sends "late".</summary>
    protected static async Task SuspendAndSendLate(Akka.TestKit.TestProbe handler, Accepted c)
    {
        await Loopback.SendAsync(c.Client, "early"u8.ToArray());
        Assert.Equal("early", Text(handler.ExpectMsg<Tcp.Received>(Timeout).Data.ToArray()));
        c.Connection.Tell(Tcp.SuspendReading.Instance, handler.Ref);
        // Commands are taken in order: once this write's ack is back, the suspend has been processed.
        c.Connection.Tell(Write("x", new Ack("suspended")), handler.Ref);
        handler.ExpectMsg(new Ack("suspended"), Timeout);
        Assert.Equal("x", Text(await Loopback.ReadExactlyAsync(c.Client, 1)));
        await Loopback.SendAsync(c.Client, "late"u8.ToArray());
    }
}

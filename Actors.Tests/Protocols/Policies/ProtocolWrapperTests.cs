using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

public sealed class ProtocolWrapperTests(ITestOutputHelper output) : AkkaSpec(output, manualClock: true)
{
    [Fact]
    public void Callbacks_reach_the_wrapped_protocol_in_order()
    {
        var inner = new RecordingProtocol();
        var wrapper = new ProtocolWrapper(inner);

        wrapper.MakeConnection(new StringTransport());
        wrapper.DataReceived(Bytes.Of("ab"));
        wrapper.DataReceived(Bytes.Of("c"));
        wrapper.NotifyConnectionLost(new ConnectionDoneException());

        Assert.Equal(["made", "data:ab", "data:c", "lost:ConnectionDoneException"], inner.Events);
        Assert.False(inner.Connected);
    }

    [Fact]
    public void Connection_lost_reaches_the_wrapped_protocol_exactly_once()
    {
        var inner = new RecordingProtocol();
        var wrapper = new ProtocolWrapper(new ProtocolWrapper(inner));

        wrapper.MakeConnection(new StringTransport());
        wrapper.NotifyConnectionLost(new ConnectionLostException());
        wrapper.NotifyConnectionLost(new ConnectionDoneException());

        Assert.Equal(["made", "lost:ConnectionLostException"], inner.Events);
    }

    [Fact]
    public void The_wrapper_is_the_wrapped_protocols_transport_and_passes_calls_on()
    {
        var inner = new RecordingProtocol();
        var wrapper = new ProtocolWrapper(inner);
        var transport = new StringTransport();
        var producer = new RecordingPushProducer();
        wrapper.MakeConnection(transport);

        Assert.Same(wrapper, inner.Transport);
        inner.Transport.Write(Bytes.Of("x"));
        inner.Transport.WriteSequence([Bytes.Of("y"), Bytes.Of("z")]);
        inner.Transport.RegisterProducer(producer, streaming: true);
        inner.Transport.PauseProducing();
        inner.Transport.SetTcpNoDelay(true);
        inner.Transport.LoseConnection();

        Assert.Equal("xyz", transport.WrittenText);
        Assert.Same(producer, transport.Producer);
        Assert.Equal(ProducerState.Paused, transport.ProducerState);
        Assert.True(transport.TcpNoDelay);
        Assert.True(inner.Transport.Disconnecting);
        Assert.Equal(StringTransport.DefaultPeer, inner.Transport.GetPeer());
        Assert.Equal(StringTransport.DefaultHost, inner.Transport.GetHost());
    }

    [Fact]
    public void Half_close_is_forwarded_to_a_half_closeable_wrapped_protocol()
    {
        var server = new HalfCloseableRecordingProtocol();
        var client = new HalfCloseableRecordingProtocol();
        var pair = LoopbackPair.Connect(new ProtocolWrapper(server), new ProtocolWrapper(new ProtocolWrapper(client)));

        client.Transport.LoseWriteConnection();
        pair.Flush();

        Assert.Contains("write-lost", client.Events);
        Assert.Contains("read-lost", server.Events);
        Assert.False(pair.Closed);
    }

    [Fact]
    public void Peer_half_close_closes_the_connection_when_the_wrapped_protocol_cannot_half_close()
    {
        var server = new RecordingProtocol();
        var client = new HalfCloseableRecordingProtocol();
        var pair = LoopbackPair.Connect(new ProtocolWrapper(server), client);

        client.Transport.LoseWriteConnection();
        pair.Flush();

        Assert.True(pair.Closed);
        Assert.Equal(["made", "lost:ConnectionDoneException"], server.Events);
    }

    [Fact]
    public void Nested_wrappers_share_the_outer_logger_and_clock()
    {
        var clock = new SchedulerClock(Sys.Scheduler);
        var logger = new RecordingLogger();
        var fired = false;
        var inner = new RecordingProtocol { OnConnectionMade = p => p.Clock.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired = true) };
        var outer = new ProtocolWrapper(new ProtocolWrapper(inner)) { Clock = clock, Logger = logger };

        outer.MakeConnection(new StringTransport());
        Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(fired);
        Assert.Same(logger, inner.Logger);
        Assert.Equal(clock.Elapsed, inner.Clock.Elapsed);
    }
}

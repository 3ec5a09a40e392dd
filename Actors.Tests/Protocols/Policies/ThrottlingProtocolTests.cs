using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

/// <summary>Conformance item 47 and the write side of Twisted's ThrottlingProtocol.</summary>
public sealed class ThrottlingProtocolTests : AkkaSpec
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly SchedulerClock _clock;

    public ThrottlingProtocolTests(ITestOutputHelper output)
        : base(output, manualClock: true)
    {
        _clock = new SchedulerClock(Sys.Scheduler);
    }

    [Fact]
    public void Thirty_bytes_in_the_first_second_at_10_bytes_per_s_pause_reading_until_2_s_after_that_second_and_no_byte_is_lost()
    {
        var echo = new EchoProtocol();
        var client = new RecordingProtocol();
        var server = new ThrottlingProtocol(echo, new ThrottlingSettings(readBytesPerSecond: 10)) { Clock = _clock };
        var pair = LoopbackPair.Connect(server, client);

        client.Transport.Write(Bytes.Of("0123456789"));
        client.Transport.Write(Bytes.Of("abcdefghij"));
        client.Transport.Write(Bytes.Of("ABCDEFGHIJ"));
        pair.Flush();
        Assert.Equal(ProducerState.Paused, pair.ServerTransport.ProducerState);

        Clock.Advance(TimeSpan.FromSeconds(1.5));
        client.Transport.Write(Bytes.Of("later"));
        pair.Flush();
        Assert.Equal(30, echo.Received.Count);

        Clock.Advance(TimeSpan.FromSeconds(1.4)); // 2.9 s
        Assert.Equal(ProducerState.Paused, pair.ServerTransport.ProducerState);
        Assert.True(server.ReadsThrottled);

        Clock.Advance(TimeSpan.FromSeconds(0.1)); // 3.0 s: 30 bytes over 3 s is the limit again
        Assert.Equal(ProducerState.Producing, pair.ServerTransport.ProducerState);
        pair.Flush();

        const string everything = "0123456789abcdefghijABCDEFGHIJlater";
        Assert.Equal(everything, Bytes.Text(echo.Received.ToArray()));
        Assert.Equal(everything, client.Received);
    }

    [Fact]
    public void Reading_at_the_limit_is_never_paused_and_a_quiet_connection_holds_no_timer()
    {
        var transport = new StringTransport();
        var protocol = Connect(new RecordingProtocol(), new ThrottlingSettings(readBytesPerSecond: 10), transport);

        for (var second = 0; second < 5; second++)
        {
            protocol.DataReceived(Bytes.Of("0123456789"));
            Assert.Equal(ProducerState.Producing, transport.ProducerState);
            Clock.Advance(Second);
        }

        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void A_longer_window_allows_its_share_of_bytes()
    {
        var transport = new StringTransport();
        var protocol = Connect(new RecordingProtocol(), new ThrottlingSettings(readBytesPerSecond: 10, window: TimeSpan.FromSeconds(2)), transport);

        protocol.DataReceived(new byte[20]);
        Assert.Equal(ProducerState.Producing, transport.ProducerState);

        protocol.DataReceived(new byte[20]);
        Assert.Equal(ProducerState.Paused, transport.ProducerState);

        Clock.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(ProducerState.Paused, transport.ProducerState);
        Clock.Advance(TimeSpan.FromSeconds(0.1)); // 40 bytes over 4 s
        Assert.Equal(ProducerState.Producing, transport.ProducerState);
    }

    [Fact]
    public void Reading_paused_by_the_wrapped_protocol_stays_paused_when_the_throttle_lifts()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var protocol = Connect(inner, new ThrottlingSettings(readBytesPerSecond: 10), transport);

        protocol.DataReceived(new byte[20]);
        inner.Transport.PauseProducing();
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(protocol.ReadsThrottled);
        Assert.Equal(ProducerState.Paused, transport.ProducerState);

        inner.Transport.ResumeProducing();
        Assert.Equal(ProducerState.Producing, transport.ProducerState);
    }

    [Fact]
    public void The_wrapped_protocol_resuming_during_a_throttle_does_not_resume_reading()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var protocol = Connect(inner, new ThrottlingSettings(readBytesPerSecond: 10), transport);

        inner.Transport.PauseProducing();
        protocol.DataReceived(new byte[20]);
        inner.Transport.ResumeProducing();

        Assert.Equal(ProducerState.Paused, transport.ProducerState);
    }

    [Fact]
    public void Writing_over_the_limit_pauses_the_registered_producer_until_the_average_is_back_under()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var producer = new RecordingPushProducer();
        var protocol = Connect(inner, new ThrottlingSettings(writeBytesPerSecond: 10), transport);
        inner.Transport.RegisterProducer(producer, streaming: true);

        inner.Transport.Write(new byte[15]);
        inner.Transport.WriteSequence([new byte[5], new byte[5]]);
        Assert.True(producer.Paused);
        Assert.True(protocol.WritesThrottled);
        Assert.Equal(25, transport.Written.Length);

        Clock.Advance(TimeSpan.FromSeconds(2.4));
        Assert.True(producer.Paused);
        Clock.Advance(TimeSpan.FromSeconds(0.1)); // 25 bytes over 2.5 s
        Assert.False(producer.Paused);
        Assert.Equal(["pause", "resume"], producer.Calls);
    }

    [Fact]
    public void A_producer_paused_by_the_transport_stays_paused_when_the_write_throttle_lifts()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var producer = new RecordingPushProducer();
        Connect(inner, new ThrottlingSettings(writeBytesPerSecond: 10), transport);
        inner.Transport.RegisterProducer(producer, streaming: true);

        inner.Transport.Write(new byte[20]);
        var standIn = (IPushProducer)transport.Producer!;
        standIn.PauseProducing(); // the transport's buffer is over its high-water mark
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(producer.Paused);

        standIn.ResumeProducing(); // drained
        Assert.False(producer.Paused);
        Assert.Equal(["pause", "resume"], producer.Calls);
    }

    [Fact]
    public void A_pull_producer_asked_for_more_while_throttled_is_asked_when_the_throttle_lifts()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var producer = new RecordingPullProducer();
        Connect(inner, new ThrottlingSettings(writeBytesPerSecond: 10), transport);
        inner.Transport.RegisterProducer(producer, streaming: false);

        var standIn = (IPullProducer)transport.Producer!;
        standIn.ResumeProducing();
        Assert.Equal(1, producer.Resumes);

        inner.Transport.Write(new byte[20]);
        standIn.ResumeProducing();
        Assert.Equal(1, producer.Resumes);

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, producer.Resumes);
    }

    [Fact]
    public void Connection_lost_cancels_the_timers_and_reaches_the_wrapped_protocol()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var protocol = Connect(inner, new ThrottlingSettings(readBytesPerSecond: 10, writeBytesPerSecond: 10), transport);
        protocol.DataReceived(new byte[30]);
        inner.Transport.Write(new byte[30]);

        protocol.NotifyConnectionLost(new ConnectionDoneException());
        Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _clock.PendingCount);
        Assert.Equal(ProducerState.Paused, transport.ProducerState);
        Assert.Equal("lost:ConnectionDoneException", inner.Events[^1]);
    }

    [Fact]
    public void A_stopped_transport_is_not_resumed_when_the_throttle_lifts()
    {
        var transport = new StringTransport();
        var inner = new RecordingProtocol();
        var protocol = Connect(inner, new ThrottlingSettings(readBytesPerSecond: 10), transport);

        protocol.DataReceived(new byte[20]);
        inner.Transport.StopProducing();
        Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ProducerState.Stopped, transport.ProducerState);
    }

    private ThrottlingProtocol Connect(Protocol inner, ThrottlingSettings settings, StringTransport transport)
    {
        var protocol = new ThrottlingProtocol(inner, settings) { Clock = _clock };
        protocol.MakeConnection(transport);
        return protocol;
    }
}

using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

/// <summary>Conformance item 44 for every connection of a service (Twisted's TimeoutFactory / TimeoutProtocol).</summary>
public sealed class TimeoutProtocolTests : AkkaSpec
{
    private readonly SchedulerClock _clock;
    private readonly StringTransport _transport = new();
    private readonly RecordingProtocol _inner = new();
    private readonly TimeoutProtocol _protocol;

    public TimeoutProtocolTests(ITestOutputHelper output)
        : base(output, manualClock: true)
    {
        _clock = new SchedulerClock(Sys.Scheduler);
        _protocol = new TimeoutProtocol(_inner, TimeSpan.FromSeconds(3)) { Clock = _clock };
        _protocol.MakeConnection(_transport);
    }

    [Fact]
    public void No_timeout_at_2_5_s_and_timeout_at_3_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.False(_transport.Disconnecting);

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_transport.Disconnecting);
    }

    [Fact]
    public void Data_at_2_5_s_moves_the_deadline_to_5_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        _protocol.DataReceived(Bytes.Of("ping"));

        Assert.Equal(TimeSpan.FromSeconds(5.5), _protocol.Idle.Deadline);
        Assert.Equal(["made", "data:ping"], _inner.Events);
        Clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(_transport.Disconnecting);
        Clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(_transport.Disconnecting);
    }

    [Fact]
    public void A_write_at_2_5_s_moves_the_deadline_to_5_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        _inner.Transport.Write(Bytes.Of("pong"));

        Assert.Equal(TimeSpan.FromSeconds(5.5), _protocol.Idle.Deadline);

        Clock.Advance(TimeSpan.FromSeconds(2));
        _inner.Transport.WriteSequence([Bytes.Of("a"), Bytes.Of("b")]);
        Assert.Equal(TimeSpan.FromSeconds(7.5), _protocol.Idle.Deadline);
        Assert.Equal("pongab", _transport.WrittenText);
    }

    [Fact]
    public void The_wrapped_protocol_can_disable_the_timeout_through_its_transport()
    {
        var inner = new RecordingProtocol { OnConnectionMade = p => ((TimeoutProtocol)p.Transport).Idle.SetTimeout(null) };
        var transport = new StringTransport();
        new TimeoutProtocol(inner, TimeSpan.FromSeconds(3)) { Clock = _clock }.MakeConnection(transport);

        Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.False(transport.Disconnecting);
    }

    [Fact]
    public void Connection_lost_cancels_the_timer_and_reaches_the_wrapped_protocol()
    {
        _protocol.NotifyConnectionLost(new ConnectionDoneException());

        Assert.Equal(0, _clock.PendingCount);
        Assert.Equal(["made", "lost:ConnectionDoneException"], _inner.Events);
    }

    [Fact]
    public void A_non_positive_timeout_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeoutProtocol(new RecordingProtocol(), TimeSpan.FromSeconds(-1)));
    }
}

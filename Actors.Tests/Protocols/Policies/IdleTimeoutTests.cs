using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

/// <summary>Conformance item 44, on a protocol that owns an <see cref="IdleTimeout"/> (Twisted's TimeoutMixin).</summary>
public sealed class IdleTimeoutTests : AkkaSpec
{
    private static readonly TimeSpan ThreeSeconds = TimeSpan.FromSeconds(3);

    private readonly SchedulerClock _clock;
    private readonly StringTransport _transport = new();
    private readonly RecordingLogger _logger = new();
    private readonly IdleProtocol _protocol;

    public IdleTimeoutTests(ITestOutputHelper output)
        : base(output, manualClock: true)
    {
        _clock = new SchedulerClock(Sys.Scheduler);
        _protocol = new IdleProtocol(ThreeSeconds) { Clock = _clock, Logger = _logger };
        _protocol.MakeConnection(_transport);
    }

    [Fact]
    public void No_timeout_at_2_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(2.5));

        Assert.False(_transport.Disconnecting);
    }

    [Fact]
    public void Timeout_at_3_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(3.5));

        Assert.True(_transport.Disconnecting);
        Assert.False(_transport.Aborted);
    }

    [Fact]
    public void Data_at_2_5_s_moves_the_deadline_to_5_5_s()
    {
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        _protocol.DataReceived(Bytes.Of("ping"));

        Assert.Equal(TimeSpan.FromSeconds(5.5), _protocol.Idle.Deadline);
        Clock.Advance(TimeSpan.FromSeconds(2.9)); // 5.4 s
        Assert.False(_transport.Disconnecting);
        Clock.Advance(TimeSpan.FromSeconds(0.1)); // 5.5 s
        Assert.True(_transport.Disconnecting);
    }

    [Fact]
    public void Setting_the_timeout_to_none_disables_it()
    {
        _protocol.Idle.SetTimeout(null);
        Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.False(_transport.Disconnecting);
        Assert.Null(_protocol.Idle.Deadline);
        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void Setting_returns_the_previous_value()
    {
        Assert.Equal(ThreeSeconds, _protocol.Idle.SetTimeout(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), _protocol.Idle.SetTimeout(null));
        Assert.Null(_protocol.Idle.SetTimeout(ThreeSeconds));
    }

    [Fact]
    public void Shortening_the_timeout_takes_effect_from_now()
    {
        _protocol.Idle.SetTimeout(TimeSpan.FromSeconds(10));
        Clock.Advance(TimeSpan.FromSeconds(1));
        _protocol.Idle.SetTimeout(TimeSpan.FromSeconds(1));

        Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_transport.Disconnecting);
    }

    [Fact]
    public void The_timeout_is_logged_once_even_if_set_again_while_the_connection_drains()
    {
        Clock.Advance(ThreeSeconds);
        _protocol.Idle.SetTimeout(ThreeSeconds);
        Clock.Advance(ThreeSeconds);

        var line = Assert.Single(_logger.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("idle", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_callback_replaces_closing()
    {
        var calls = 0;
        var protocol = new IdleProtocol(ThreeSeconds, () => calls++) { Clock = _clock };
        var transport = new StringTransport();
        protocol.MakeConnection(transport);

        Clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(1, calls);
        Assert.False(transport.Disconnecting);
        Assert.Null(protocol.Idle.Deadline);
    }

    [Fact]
    public void Reset_after_the_timeout_fired_does_not_restart_it()
    {
        var calls = 0;
        var protocol = new IdleProtocol(ThreeSeconds, () => calls++) { Clock = _clock };
        protocol.MakeConnection(new StringTransport());

        Clock.Advance(ThreeSeconds);
        protocol.DataReceived(Bytes.Of("late"));
        Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Connection_lost_cancels_the_timer()
    {
        _protocol.NotifyConnectionLost(new ConnectionDoneException());

        Assert.Equal(0, _clock.PendingCount);
        Assert.Null(_protocol.Idle.Timeout);
    }

    [Fact]
    public void A_non_positive_timeout_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _protocol.Idle.SetTimeout(TimeSpan.Zero));
        Assert.Equal(ThreeSeconds, _protocol.Idle.Timeout);
    }

    /// <summary>The TimeoutMixin pattern: set in ConnectionMade, reset on data, cancel on loss.</summary>
    private sealed class IdleProtocol : Protocol
    {
        private readonly TimeSpan _timeout;

        public IdleProtocol(TimeSpan timeout, Action? onTimeout = null)
        {
            _timeout = timeout;
            Idle = new IdleTimeout(this, onTimeout);
        }

        public IdleTimeout Idle { get; }

        protected internal override void ConnectionMade() => Idle.SetTimeout(_timeout);

        protected internal override void DataReceived(ReadOnlySpan<byte> data) => Idle.ResetTimeout();

        protected internal override void ConnectionLost(Exception reason) => Idle.Cancel();
    }
}

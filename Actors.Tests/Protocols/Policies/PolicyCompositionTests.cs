using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

public sealed class PolicyCompositionTests : AkkaSpec
{
    private readonly SchedulerClock _clock;

    public PolicyCompositionTests(ITestOutputHelper output)
        : base(output, manualClock: true)
    {
        _clock = new SchedulerClock(Sys.Scheduler);
    }

    [Fact]
    public void Timeout_wrapping_throttling_wrapping_an_echo_throttles_echoes_everything_then_times_out()
    {
        var echo = new EchoProtocol();
        var client = new RecordingProtocol();
        // Only the outermost protocol gets a clock, as a connection would give it; the throttle uses it too.
        var server = new TimeoutProtocol(new ThrottlingProtocol(echo, new ThrottlingSettings(readBytesPerSecond: 10)), TimeSpan.FromSeconds(5))
        {
            Clock = _clock,
        };
        var pair = LoopbackPair.Connect(server, client);

        client.Transport.Write(new byte[30]);
        pair.Flush();
        Assert.Equal(ProducerState.Paused, pair.ServerTransport.ProducerState);

        Clock.Advance(TimeSpan.FromSeconds(0.5));
        client.Transport.Write(Bytes.Of("tail"));
        pair.Flush();
        Assert.Equal(30, echo.Received.Count);

        Clock.Advance(TimeSpan.FromSeconds(2.5)); // 3 s: the throttle lifts
        pair.Flush();
        Assert.Equal(34, echo.Received.Count);
        Assert.Equal(34, client.Received.Length);
        Assert.Equal(TimeSpan.FromSeconds(8), server.Idle.Deadline);

        Clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(pair.ServerTransport.Disconnecting);
        Clock.Advance(TimeSpan.FromSeconds(0.1));
        pair.Flush();

        Assert.True(pair.Closed);
        Assert.False(echo.Connected);
        Assert.Equal("lost:ConnectionDoneException", client.Events[^1]);
        Assert.Equal(0, _clock.PendingCount);
    }

    [Fact]
    public void Policy_settings_wrap_timeout_outside_throttling_outside_traffic_logging()
    {
        var inner = new RecordingProtocol();
        var settings = new PolicySettings(
            new IdleTimeoutSettings(TimeSpan.FromSeconds(3)),
            new ThrottlingSettings(readBytesPerSecond: 10),
            new TrafficLoggingSettings(previewBytes: 8));

        var timeout = Assert.IsType<TimeoutProtocol>(settings.Wrap(inner));
        var throttling = Assert.IsType<ThrottlingProtocol>(timeout.Wrapped);
        var logging = Assert.IsType<TrafficLoggingProtocol>(throttling.Wrapped);
        Assert.Same(inner, logging.Wrapped);
        Assert.Equal(10, throttling.Settings.ReadBytesPerSecond);
    }

    [Fact]
    public void Policies_left_out_or_without_limits_are_not_applied()
    {
        var inner = new RecordingProtocol();

        Assert.Same(inner, PolicySettings.None.Wrap(inner));
        Assert.Same(inner, new PolicySettings(new IdleTimeoutSettings(null), new ThrottlingSettings()).Wrap(inner));
    }

    [Fact]
    public void Every_setting_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdleTimeoutSettings(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottlingSettings(readBytesPerSecond: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottlingSettings(writeBytesPerSecond: -5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottlingSettings(readBytesPerSecond: 1, window: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficLoggingSettings(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottlingSettings(readBytesPerSecond: 1) with { ReadBytesPerSecond = 0 });
    }

    [Fact]
    public void Settings_default_to_the_documented_values()
    {
        Assert.Equal(ThrottlingSettings.DefaultWindow, new ThrottlingSettings(readBytesPerSecond: 1).Window);
        Assert.Equal(TimeSpan.FromSeconds(1), ThrottlingSettings.DefaultWindow);
        Assert.Equal(TrafficLoggingSettings.DefaultPreviewBytes, new TrafficLoggingSettings().PreviewBytes);
    }
}

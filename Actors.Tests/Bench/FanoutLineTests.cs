using System.Diagnostics;
using System.Text;
using ActorEcho.Bench.Load;

namespace ActorEcho.Tests.Bench;

public sealed class FanoutLineTests
{
    private static readonly LoadWindow Window = LoadWindow.FromNow(TimeSpan.Zero, TimeSpan.FromMinutes(1));

    [Fact]
    public void A_stamped_line_is_64_bytes_ending_in_crlf_and_carries_its_timestamp()
    {
        var line = new byte[FanoutLine.Size];
        var before = Stopwatch.GetTimestamp();

        var stamped = FanoutLine.Stamp(line, FanoutClock.For(Window, kernelArrival: false));

        Assert.InRange(stamped, before, Stopwatch.GetTimestamp());
        Assert.Equal("\r\n", Encoding.ASCII.GetString(line, 62, 2));
        Assert.Equal(stamped, FanoutLine.TimestampOf(line.AsSpan(0, 63)));
        Assert.False(FanoutLine.IsEnd(line.AsSpan(0, 63)));
    }

    [Fact]
    public void A_line_stamped_in_realtime_nanoseconds_round_trips_inside_64_bytes_and_inside_the_window()
    {
        var line = new byte[FanoutLine.Size];
        var clock = FanoutClock.For(Window, kernelArrival: true);
        var before = KernelTimestamps.RealtimeNanoseconds();

        var stamped = FanoutLine.Stamp(line, clock);

        Assert.InRange(stamped, before, KernelTimestamps.RealtimeNanoseconds());
        Assert.Equal(19, stamped.ToString(System.Globalization.CultureInfo.InvariantCulture).Length); // nanoseconds since 1970, until 2286
        Assert.Equal(stamped, FanoutLine.TimestampOf(line.AsSpan(0, 63)));
        Assert.Equal("\r\n", Encoding.ASCII.GetString(line, 62, 2));
        Assert.True(clock.Contains(stamped));
        Assert.False(clock.Contains(stamped + (long)TimeSpan.FromMinutes(2).TotalNanoseconds));
        Assert.Equal(Stopwatch.Frequency, clock.ToStopwatchTicks((long)TimeSpan.FromSeconds(1).TotalNanoseconds), tolerance: 1);
    }

    [Fact]
    public void The_end_line_and_a_greeting_carry_no_timestamp()
    {
        Assert.True(FanoutLine.IsEnd(FanoutLine.End.AsSpan(0, FanoutLine.End.Length - 1)));
        Assert.True(FanoutLine.IsEnd("end"u8));
        Assert.Null(FanoutLine.TimestampOf("end\r"u8));
        Assert.Null(FanoutLine.TimestampOf("Welcome to the chat, you are client #3\r"u8));
    }
}

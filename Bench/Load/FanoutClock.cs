using System.Diagnostics;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The clock one fan-out run stamps its lines with and times their arrival in, and the run's window translated
/// into it. With kernel arrival (Linux, <see cref="KernelTimestamps"/>) lines carry CLOCK_REALTIME nanoseconds and a
/// delivery ends when the kernel queued it on the receiver's socket; otherwise lines carry Stopwatch ticks and a
/// delivery ends when the generator's receive completed, which on a busy generator includes its own queueing.
/// </summary>
internal sealed class FanoutClock
{
    private const double NanosecondsPerSecond = 1e9;

    private readonly long _windowStart;
    private readonly long _windowEnd;

    private FanoutClock(bool kernelArrival, long windowStart, long windowEnd)
    {
        KernelArrival = kernelArrival;
        _windowStart = windowStart;
        _windowEnd = windowEnd;
    }

    /// <summary>Whether arrivals are the kernel's receive timestamps (and stamps CLOCK_REALTIME) rather than Stopwatch readings.</summary>
    public bool KernelArrival { get; }

    /// <summary>Where the run's latencies end, for its report.</summary>
    public string Description => Describe(KernelArrival);

    public static string Describe(bool kernelArrival) => kernelArrival
        ? "latency measured at arrival in the receiver's socket (SO_TIMESTAMPNS)"
        : "latency measured when the generator's receive completed";

    /// <summary>The clock for a run measured over <paramref name="window"/> (Stopwatch ticks).</summary>
    public static FanoutClock For(LoadWindow window, bool kernelArrival)
    {
        if (!kernelArrival)
        {
            return new FanoutClock(false, window.Start, window.End);
        }

        // Both clocks read once, back to back: the offset between them is good to well under a microsecond, and
        // it only decides which lines at the window's edges count.
        var realtime = KernelTimestamps.RealtimeNanoseconds();
        var stopwatch = Stopwatch.GetTimestamp();
        return new FanoutClock(true, realtime + ToNanoseconds(window.Start - stopwatch), realtime + ToNanoseconds(window.End - stopwatch));
    }

    /// <summary>Now, in this clock's units.</summary>
    public long Now() => KernelArrival ? KernelTimestamps.RealtimeNanoseconds() : Stopwatch.GetTimestamp();

    /// <summary>Whether a line stamped at <paramref name="stamp"/> was sent inside the run's window.</summary>
    public bool Contains(long stamp) => stamp >= _windowStart && stamp < _windowEnd;

    /// <summary>An interval of this clock as Stopwatch ticks, the unit <see cref="LatencyHistogram"/> records.</summary>
    public long ToStopwatchTicks(long elapsed) =>
        KernelArrival ? (long)(elapsed * ((double)Stopwatch.Frequency / NanosecondsPerSecond)) : elapsed;

    private static long ToNanoseconds(long ticks) => (long)(ticks * (NanosecondsPerSecond / Stopwatch.Frequency));
}

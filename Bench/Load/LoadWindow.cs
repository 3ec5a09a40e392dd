using System.Diagnostics;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The measured interval of a run in Stopwatch ticks: work finishing before <see cref="Start"/> is
/// warm-up (JIT, pools, TCP windows), work finishing after <see cref="End"/> is not counted.
/// </summary>
internal readonly record struct LoadWindow(long Start, long End)
{
    public static LoadWindow FromNow(TimeSpan warmUp, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        return new LoadWindow(start, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
    }

    public double Seconds => (End - Start) / (double)Stopwatch.Frequency;

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    public bool IsOver(long timestamp) => timestamp >= End;

    /// <summary>Waits until the window closes (the run's own duration, not a synchronisation).</summary>
    public Task WhenOverAsync() => UntilAsync(End);

    /// <summary>Waits until the window opens (the end of the warm-up).</summary>
    public Task WhenStartedAsync() => UntilAsync(Start);

    private static async Task UntilAsync(long timestamp)
    {
        // Task.Delay runs on a millisecond tick that can end a little before the Stopwatch does; callers act on
        // "over" (aborting sockets, say) and judge errors by IsOver, so wait until the Stopwatch agrees.
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            await Task.Delay(left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        }
    }
}

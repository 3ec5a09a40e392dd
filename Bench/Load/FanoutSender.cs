using System.Diagnostics;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The one chat member that talks: writes a timed line every 1/rate seconds until the window closes,
/// then the "end" line. It never falls behind into a burst: a late tick is sent late, not doubled.
/// </summary>
internal sealed class FanoutSender(Socket socket, double linesPerSecond)
{
    private readonly byte[] _line = new byte[FanoutLine.Size];

    /// <summary>Lines whose timestamp falls inside the window: each one is owed to every receiver.</summary>
    public long SentInWindow { get; private set; }

    /// <summary>Paces by the Stopwatch over <paramref name="window"/>; stamps lines, and counts those inside the window, by <paramref name="clock"/>.</summary>
    public async Task RunAsync(LoadWindow window, FanoutClock clock)
    {
        var interval = (long)(Stopwatch.Frequency / linesPerSecond);
        var due = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (window.IsOver(now))
            {
                break;
            }

            if (now < due)
            {
                // The pacing of the run itself, not a synchronisation.
                await Task.Delay(Stopwatch.GetElapsedTime(now, due)).ConfigureAwait(false);
                continue;
            }

            var stamp = FanoutLine.Stamp(_line, clock);
            var sentAt = Stopwatch.GetTimestamp();
            await ClientSocket.SendAllAsync(socket, _line);
            if (clock.Contains(stamp))
            {
                SentInWindow++;
            }

            // Small lateness (Task.Delay's tick) is made up by the next, shorter wait; a whole interval
            // lost restarts the schedule from now rather than bursting to catch up.
            due += interval;
            if (due <= sentAt)
            {
                due = sentAt + interval;
            }
        }

        await ClientSocket.SendAllAsync(socket, FanoutLine.End);
    }
}

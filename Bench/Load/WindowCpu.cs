namespace ActorEcho.Bench.Load;

/// <summary>
/// A server's CPU time inside a run's measured window, from /proc: divided by the work done in the window it is the
/// server's cost per message or per session, a figure that still compares servers when the generator, not the server,
/// set the pace (the TLS shapes' client does as much crypto as the server).
/// </summary>
internal static class WindowCpu
{
    /// <summary>Samples the server at the window's start and end; null without a pid or where /proc is unreadable.</summary>
    public static async Task<TimeSpan?> MeasureAsync(LoadWindow window, int? serverPid)
    {
        if (serverPid is not { } pid)
        {
            return null;
        }

        await window.WhenStartedAsync();
        var before = ProcessCpu.Used(pid);
        await window.WhenOverAsync();
        return before is { } b && ProcessCpu.Used(pid) is { } a ? a - b : null;
    }

    /// <summary>"server CPU 1,234 us per session": <paramref name="cpu"/> spread over <paramref name="count"/> units, in microseconds.</summary>
    public static string PerUnit(TimeSpan? cpu, long count, string unit) =>
        cpu is { } used && count > 0 ? $"server CPU {used.TotalMicroseconds / count:N1} us per {unit}" : $"server CPU per {unit} n/a";
}

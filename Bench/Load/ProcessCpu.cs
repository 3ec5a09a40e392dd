using System.Globalization;

namespace ActorEcho.Bench.Load;

/// <summary>
/// CPU time of a process from /proc/&lt;pid&gt;/stat (Linux). Comparing the generator's and the server's
/// use over a run shows which side was the bottleneck: with both pinned to one core each, the one
/// near 100% is the limit.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of utime and stime, 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of <paramref name="pid"/>, or null when unreadable.</summary>
    public static TimeSpan? Used(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in field 2 may hold spaces and parentheses: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Utilisation between two samples over <paramref name="wall"/>, as "97%", or "n/a".</summary>
    public static string Percent(TimeSpan? before, TimeSpan? after, TimeSpan wall) =>
        before is { } b && after is { } a && wall > TimeSpan.Zero ? $"{(a - b) / wall * 100:0}%" : "n/a";
}
